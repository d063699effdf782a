// Package demo runs a demo tenant: a few subscriptions whose recommendations and
// alerts keep changing, fed through the real ingest pipeline, and a receiver
// endpoint that shows what an automation delivered.
package demo

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/secexport/secexport/internal/engine"
	"github.com/secexport/secexport/internal/ingest"
	"github.com/secexport/secexport/internal/posture"
)

// Subscription is the demo tenant's first subscription.
const Subscription = "00000000-0000-4000-8000-000000000001"

var subscriptions = []string{Subscription, "00000000-0000-4000-8000-000000000002", "00000000-0000-4000-8000-000000000003"}

type recommendation struct {
	key, name, severity, category string
}

// A handful of recommendations, with their well-known assessment keys.
var recommendations = []recommendation{
	{"4fb67663-9ab9-475d-b026-8c544cced439", "Linux virtual machines should enable Azure Disk Encryption or EncryptionAtHost", "High", "Compute"},
	{"1195afff-c881-495e-9bc5-1486211ae03f", "Machines should have vulnerability findings resolved", "High", "Compute"},
	{"4ab6e3c5-74dd-8b35-9ab9-f61b30875b27", "System updates should be installed on your machines", "Medium", "Compute"},
	{"805651bc-6ecd-4c73-9b55-97a19d0582d0", "Management ports of virtual machines should be protected with just-in-time network access control", "High", "Networking"},
	{"483f12ed-ae23-447e-a2de-a67a10db4353", "Network Security Groups should restrict internet-facing virtual machines", "Medium", "Networking"},
	{"35f45c95-27cf-4e52-891f-8390d1de5828", "Adaptive application controls for defining safe applications should be enabled on your machines", "Low", "Compute"},
}

var alertTypes = []struct{ typ, name, severity string }{
	{"VM_SuspiciousCommandLine", "Suspicious command line detected", "High"},
	{"VM_BruteForce", "Failed SSH brute force attack", "Medium"},
	{"VM_EICAR", "Azure Security Center test alert (not a threat)", "Low"},
}

// Demo generates the demo tenant's changes.
type Demo struct {
	eng      *engine.Engine
	log      *slog.Logger
	interval time.Duration
	rng      *rand.Rand
	alerts   [][]byte // bodies of the alerts still active
	// unhealthy tracks which demo recommendations are unhealthy now.
	unhealthy map[string]bool
}

// New returns a demo generator feeding eng.
func New(eng *engine.Engine, log *slog.Logger) *Demo {
	return &Demo{eng: eng, log: log, interval: 500 * time.Millisecond, rng: rand.New(rand.NewPCG(1, 2)), unhealthy: map[string]bool{}}
}

// Run seeds the tenant and keeps it changing until ctx is done.
func (d *Demo) Run(ctx context.Context) {
	var seed []ingest.Change
	for _, sub := range subscriptions {
		for vm := range 4 {
			for _, rec := range recommendations {
				if c, err := d.assessment(sub, vm, rec, "Healthy"); err == nil {
					seed = append(seed, c)
				}
			}
		}
	}
	if _, err := d.eng.Pipeline.Apply(ctx, seed); err != nil {
		d.log.Error("demo seed", "err", err)
	}
	t := time.NewTicker(d.interval)
	defer t.Stop()
	for i := 0; ; i++ {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		var changes []ingest.Change
		// Half the changes land in the first subscription, the one the
		// README's walk-through exports; each one flips a recommendation's
		// health, so every change is exportable.
		sub := subscriptions[0]
		if d.rng.IntN(2) == 0 {
			sub = subscriptions[1+d.rng.IntN(len(subscriptions)-1)]
		}
		rec := recommendations[d.rng.IntN(len(recommendations))]
		vm := d.rng.IntN(4)
		k := fmt.Sprint(sub, vm, rec.key)
		status := "Unhealthy"
		if d.unhealthy[k] {
			status = "Healthy"
		}
		d.unhealthy[k] = !d.unhealthy[k]
		if c, err := d.assessment(sub, vm, rec, status); err == nil {
			changes = append(changes, c)
		}
		if i%6 == 0 {
			if c, err := d.alert(sub); err == nil {
				changes = append(changes, c)
			}
		}
		if _, err := d.eng.Pipeline.Apply(ctx, changes); err != nil && ctx.Err() == nil {
			d.log.Error("demo change", "err", err)
		}
	}
}

func (d *Demo) assessment(sub string, vm int, rec recommendation, status string) (ingest.Change, error) {
	resource := fmt.Sprintf("/subscriptions/%s/resourceGroups/demo-rg-%d/providers/Microsoft.Compute/virtualMachines/demo-vm-%d", sub, vm%2, vm)
	cause := ""
	if status == "Unhealthy" {
		cause = `,"cause":"","description":"The resource does not meet the recommendation"`
	}
	body := fmt.Sprintf(`{"id":%q,"type":"Microsoft.Security/assessments","properties":{"resourceDetails":{"source":"Azure","id":%q},"status":{"code":%q%s},"metadata":{"displayName":%q,"assessmentType":"BuiltIn","severity":%q,"categories":[%q],"userImpact":"Moderate","implementationEffort":"Low","threats":["DataExfiltration"],"description":%q,"remediationDescription":"Follow the recommendation's remediation steps."}}}`,
		resource+"/providers/Microsoft.Security/assessments/"+rec.key, resource, status, cause, rec.name, rec.severity, rec.category, rec.name)
	r, err := posture.Parse([]byte(body))
	if err != nil {
		d.log.Error("demo assessment", "err", err)
		return ingest.Change{}, err
	}
	return ingest.Change{Record: r}, nil
}

func (d *Demo) alert(sub string) (ingest.Change, error) {
	now := time.Now().UTC().Format(time.RFC3339Nano)
	// Now and then, resolve an open alert (a status change) instead of raising one.
	if len(d.alerts) > 0 && d.rng.IntN(3) == 0 {
		body := bytes.Replace(d.alerts[0], []byte(`"status":"Active"`), []byte(`"status":"Resolved"`), 1)
		d.alerts = d.alerts[1:]
		r, err := posture.Parse(body)
		if err != nil {
			return ingest.Change{}, err
		}
		return ingest.Change{Record: r}, nil
	}
	at := alertTypes[d.rng.IntN(len(alertTypes))]
	name := fmt.Sprintf("%d_%s", time.Now().UnixNano(), "demo")
	vm := d.rng.IntN(4)
	resource := fmt.Sprintf("/subscriptions/%s/resourceGroups/demo-rg-%d/providers/Microsoft.Compute/virtualMachines/demo-vm-%d", sub, vm%2, vm)
	id := fmt.Sprintf("/subscriptions/%s/resourceGroups/demo-rg-%d/providers/Microsoft.Security/locations/westeurope/alerts/%s", sub, vm%2, name)
	body := fmt.Sprintf(`{"id":%q,"type":"Microsoft.Security/Locations/alerts","properties":{"version":"2022-01-01","alertType":%q,"systemAlertId":%q,"alertDisplayName":%q,"description":"Generated by the secexport demo tenant.","severity":%q,"status":"Active","intent":"Execution","startTimeUtc":%q,"endTimeUtc":%q,"timeGeneratedUtc":%q,"processingEndTimeUtc":%q,"vendorName":"Microsoft","productName":"Microsoft Defender for Cloud","compromisedEntity":"demo-vm-%d","resourceIdentifiers":[{"type":"AzureResource","azureResourceId":%q}],"remediationSteps":["Investigate the machine."],"isIncident":false,`+
		// Entities as Defender for Cloud sends them, so that hunting
		// queries (mv-expand, mv-apply over Entities) have something to find.
		`"entities":[{"$id":"2","hostName":"demo-vm-%d","azureID":%q,"type":"host"},{"$id":"3","address":"10.0.%d.%d","type":"ip"},{"$id":"4","name":"demo-user-%d","ntDomain":"DEMO","type":"account"}],`+
		`"extendedProperties":{"resourceType":"Virtual Machine","attacker source IP":"IP Address: 10.0.%d.%d"}}}`,
		id, at.typ, name, at.name, at.severity, now, now, now, now, vm, resource, vm, resource, vm%2, 10+vm, d.rng.IntN(3), vm%2, 100+d.rng.IntN(20))
	r, err := posture.Parse([]byte(body))
	if err != nil {
		d.log.Error("demo alert", "err", err)
		return ingest.Change{}, err
	}
	if len(d.alerts) < 100 {
		d.alerts = append(d.alerts, []byte(body))
	}
	return ingest.Change{Record: r}, nil
}
