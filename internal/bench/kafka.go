package bench

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

// The topic the Kafka path produces to, and its partitions.
const (
	kafkaTopic      = "secexport-bench"
	kafkaPartitions = 8
)

// startKafka starts an in-process Kafka broker — franz-go's kfake, the real
// wire protocol on loopback, keeping records in memory — with one topic, and
// a consumer that reads the topic back from the start and calls arrive with
// every record's value as it comes: an event counts as delivered when it can
// be consumed, not merely when the producer saw it acknowledged. It returns
// the automation action that produces to the topic, and stop.
func startKafka(ctx context.Context, arrive func(value []byte), progress io.Writer) (action string, stop func(), err error) {
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.SeedTopics(kafkaPartitions, kafkaTopic))
	if err != nil {
		return "", nil, fmt.Errorf("start the Kafka broker: %w", err)
	}
	cl, err := kgo.NewClient(
		kgo.SeedBrokers(c.ListenAddrs()...),
		kgo.ConsumeTopics(kafkaTopic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.FetchMaxWait(50*time.Millisecond), // an idle fetch returns soon: latency is not fetch wait
	)
	if err != nil {
		c.Close()
		return "", nil, fmt.Errorf("start the Kafka consumer: %w", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for cctx.Err() == nil {
			cl.PollFetches(cctx).EachRecord(func(r *kgo.Record) { arrive(r.Value) })
		}
	}()
	addrs := strings.Join(c.ListenAddrs(), ",")
	fmt.Fprintf(progress, "delivering through Kafka: topic %s (%d partitions) on an in-process broker at %s, read back by a consumer\n", kafkaTopic, kafkaPartitions, addrs)
	stop = func() {
		cancel()
		<-done
		cl.Close()
		c.Close()
	}
	return fmt.Sprintf(`{"actionType":"Kafka","bootstrapServers":%q,"topic":%q}`, addrs, kafkaTopic), stop, nil
}
