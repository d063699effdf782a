package kafkatest

import (
	"bytes"
	"errors"
	"strings"

	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// AcceptOAuthBearer makes c take SASL OAUTHBEARER, which kfake does not
// implement itself, the way Kafka does (RFC 7628, KIP-255): check is called
// with each bearer token, and a non-nil error fails that authentication with
// SASL_AUTHENTICATION_FAILED and the error's text. c must be started without
// kfake.EnableSASL; clients that skip SASL are let in too.
func AcceptOAuthBearer(c *kfake.Cluster, check func(token string) error) {
	c.ControlKey(int16(kmsg.SASLHandshake), func(kreq kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		req := kreq.(*kmsg.SASLHandshakeRequest)
		resp := req.ResponseKind().(*kmsg.SASLHandshakeResponse)
		resp.SupportedMechanisms = []string{"OAUTHBEARER"}
		if req.Mechanism != "OAUTHBEARER" {
			resp.ErrorCode = kerr.UnsupportedSaslMechanism.Code
		}
		return resp, nil, true
	})
	c.ControlKey(int16(kmsg.SASLAuthenticate), func(kreq kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		req := kreq.(*kmsg.SASLAuthenticateRequest)
		resp := req.ResponseKind().(*kmsg.SASLAuthenticateResponse)
		token, err := bearerToken(req.SASLAuthBytes)
		if err == nil {
			err = check(token)
		}
		if err != nil {
			resp.ErrorCode = kerr.SaslAuthenticationFailed.Code
			msg := err.Error()
			resp.ErrorMessage = &msg
		}
		return resp, nil, true
	})
}

// bearerToken extracts the token of an OAUTHBEARER client first message:
// "n,," 0x01 "auth=Bearer TOKEN" 0x01 ... 0x01 0x01.
func bearerToken(msg []byte) (string, error) {
	for _, kv := range bytes.Split(msg, []byte{1}) {
		if v, ok := strings.CutPrefix(string(kv), "auth="); ok {
			if tok, ok := strings.CutPrefix(v, "Bearer "); ok && tok != "" {
				return tok, nil
			}
		}
	}
	return "", errors.New("no bearer token in the OAUTHBEARER message")
}
