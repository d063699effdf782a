package api_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	azingest "github.com/Azure/azure-sdk-for-go/sdk/monitor/ingestion/azlogs"
)

// ingestionClient is Azure's official Logs Ingestion client pointed at the
// env's API, served over TLS: the client sends its token over https only.
func (e *env) ingestionClient() *azingest.Client {
	e.t.Helper()
	tls := httptest.NewTLSServer(e.Server.Handler())
	e.t.Cleanup(tls.Close)
	c, err := azingest.NewClient(tls.URL, e.credential(), &azingest.ClientOptions{ClientOptions: policy.ClientOptions{
		Transport: tls.Client(),
		Retry:     policy.RetryOptions{MaxRetries: -1},
	}})
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// TestLogsIngestionWithTheAzureSDK: the official client uploads records to
// an embedded workspace's table, plain and gzipped.
func TestLogsIngestionWithTheAzureSDK(t *testing.T) {
	e := newEnv(t)
	customerID := e.putWorkspace(testSub, "soc", "la-ws")
	client := e.ingestionClient()
	ctx := context.Background()
	logs := []byte(`[{"TimeGenerated":"2024-05-02T10:00:00Z","AlertName":"Suspicious login","AlertSeverity":"High","IsIncident":false,"ConfidenceScore":0.9,"Entities":[{"Type":"ip"}]},
		{"AlertName":"Second","alertseverity":"Low","StartTime":"2024-05-02T09:00:00.1234567Z"}]`)
	if _, err := client.Upload(ctx, customerID, "Custom-SecurityAlert", logs, nil); err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(`[{"ControlName":"Enable MFA","CurrentScore":"10","MaxScore":10,"HealthyResources":3}]`))
	zw.Close()
	if _, err := client.Upload(ctx, customerID, "Custom-SecureScoreControls", gz.Bytes(), &azingest.UploadOptions{ContentEncoding: to.Ptr("gzip")}); err != nil {
		t.Fatal(err)
	}
	for table, want := range map[string]int64{"SecurityAlert": 2, "SecureScoreControls": 1, "SecurityRecommendation": 0} {
		if n, err := e.Engine.Workspaces.DB.Count(ctx, customerID, table); err != nil || n != want {
			t.Errorf("%s has %d rows (%v), want %d", table, n, err, want)
		}
	}

	// What Azure refuses, secexport refuses, with the SDK's error.
	_, err := client.Upload(ctx, customerID, "Custom-Heartbeat", []byte(`[{}]`), nil)
	responseError(t, err, http.StatusBadRequest, "InvalidStream")
	_, err = client.Upload(ctx, "00000000-0000-4000-8000-000000000000", "Custom-SecurityAlert", []byte(`[{}]`), nil)
	responseError(t, err, http.StatusNotFound, "NotFound")
	_, err = client.Upload(ctx, customerID, "Custom-SecurityAlert", []byte(`[{"NoSuchColumn":1}]`), nil)
	responseError(t, err, http.StatusBadRequest, "InvalidRequestBody")
	_, err = client.Upload(ctx, customerID, "Custom-SecurityAlert", []byte(`[{"IsIncident":"maybe"}]`), nil)
	responseError(t, err, http.StatusBadRequest, "InvalidRequestBody")
	_, err = client.Upload(ctx, customerID, "Custom-SecurityAlert", []byte(`{"not":"an array"}`), nil)
	responseError(t, err, http.StatusBadRequest, "InvalidRequestBody")
	_, err = client.Upload(ctx, customerID, "Custom-SecurityAlert", []byte(`[`+strings.Repeat(`{"AlertName":"x"},`, 70000)+`{}]`), nil)
	responseError(t, err, http.StatusRequestEntityTooLarge, "RequestEntityTooLarge")
	if n, _ := e.Engine.Workspaces.DB.Count(ctx, customerID, "SecurityAlert"); n != 2 {
		t.Errorf("refused uploads wrote rows: %d", n)
	}

	r := e.do(http.MethodPost, fmt.Sprintf("/dataCollectionRules/%s/streams/Custom-SecurityAlert?api-version=2021-11-01-preview", customerID), `[{}]`)
	if r.Status != http.StatusBadRequest || !strings.Contains(string(r.Body), "InvalidApiVersion") {
		t.Errorf("old api-version: %s", r)
	}
	r = e.doWith(http.MethodPost, fmt.Sprintf("/dataCollectionRules/%s/streams/Custom-SecurityAlert?api-version=2023-01-01", customerID), `[{}]`, nil)
	mustStatus(t, r, http.StatusUnauthorized)
}

var _ azcore.TokenCredential = staticCredential{}
