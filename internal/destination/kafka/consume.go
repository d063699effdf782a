package kafka

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// Consumer reads a topic back, partition by partition and without a consumer
// group, so that it commits nothing: what secexport tail prints. It reaches
// the cluster as a Destination with the same Config does.
type Consumer struct {
	cfg       Config
	client    *kgo.Client
	conns     *connWatcher
	topicSeen bool // the brokers named the topic in a metadata answer
}

// authCheckEvery is how often Poll, while no record arrives, looks whether
// the brokers refused the credentials: a consumer retries that quietly.
const authCheckEvery = time.Second

// NewConsumer validates cfg and starts a consumer of cfg.Topic: from the
// start of every partition when fromBeginning, else from its end.
func NewConsumer(cfg Config, fromBeginning bool, logger *slog.Logger) (*Consumer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	c := &Consumer{cfg: cfg, conns: &connWatcher{}}
	start := kgo.NewOffset().AtEnd()
	if fromBeginning {
		start = kgo.NewOffset().AtStart()
	}
	opts := append(cfg.connOpts(),
		kgo.ConsumeTopics(cfg.Topic),
		kgo.ConsumeResetOffset(start),
		kgo.WithHooks(c.conns),
		kgo.WithLogger(kgoLogger{logger.With("topic", cfg.Topic)}),
	)
	if m := cfg.mechanism(); m != nil {
		c.conns.sasl = newSASLWatch(m)
		opts = append(opts, kgo.SASL(c.conns.sasl))
	}
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return nil, cfg.redact(fmt.Errorf("kafka: starting the consumer: %w", err))
	}
	c.client = cl
	return c, nil
}

// Poll waits for records and returns them in partition order. It returns
// ctx.Err() once ctx ends, and an error when the brokers refuse the
// credentials or the topic does not exist; errors never hold the password.
func (c *Consumer) Poll(ctx context.Context) ([]*kgo.Record, error) {
	for {
		pctx, cancel := context.WithTimeout(ctx, authCheckEvery)
		fs := c.client.PollFetches(pctx)
		cancel()
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var fatal error
		fs.EachError(func(_ string, _ int32, err error) {
			switch {
			case fatal != nil, isContextErr(err), kgo.IsRetryableBrokerErr(err):
			case errors.Is(err, kerr.UnknownTopicOrPartition):
				fatal = fmt.Errorf("kafka topic %q does not exist: %w", c.cfg.Topic, err)
			case isAuthErr(err):
				fatal = fmt.Errorf("kafka topic %q: %w", c.cfg.Topic, c.cfg.describeConn(err))
			default:
				fatal = fmt.Errorf("kafka topic %q: %w", c.cfg.Topic, err)
			}
		})
		if fatal != nil {
			return nil, c.cfg.redact(fatal)
		}
		if recs := fs.Records(); len(recs) > 0 {
			return recs, nil
		}
		if last := c.conns.last(); last != nil && isAuthErr(last) {
			return nil, c.cfg.redact(fmt.Errorf("kafka topic %q: %w", c.cfg.Topic, c.cfg.describeConn(last)))
		}
		if err := c.checkTopic(ctx); err != nil {
			return nil, c.cfg.redact(err)
		}
	}
}

// checkTopic asks the brokers, until they once name the topic, whether it
// exists: a consumer otherwise waits for a missing topic without a word.
func (c *Consumer) checkTopic(ctx context.Context) error {
	if c.topicSeen {
		return nil
	}
	req := kmsg.NewPtrMetadataRequest()
	t := kmsg.NewMetadataRequestTopic()
	t.Topic = kmsg.StringPtr(c.cfg.Topic)
	req.Topics = append(req.Topics, t)
	rctx, cancel := context.WithTimeout(ctx, authCheckEvery)
	defer cancel()
	resp, err := req.RequestWith(rctx, c.client)
	if err != nil || len(resp.Topics) != 1 {
		return nil // unreachable brokers: keep waiting, as the consumer does
	}
	switch err := kerr.ErrorForCode(resp.Topics[0].ErrorCode); {
	case err == nil:
		c.topicSeen = true
	case errors.Is(err, kerr.UnknownTopicOrPartition):
		return fmt.Errorf("kafka topic %q does not exist: %w", c.cfg.Topic, err)
	case errors.Is(err, kerr.TopicAuthorizationFailed):
		return fmt.Errorf("kafka: not authorized to read topic %q: %w", c.cfg.Topic, err)
	}
	return nil
}

// Close closes the consumer's connections.
func (c *Consumer) Close() { c.client.Close() }
