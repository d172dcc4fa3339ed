# Sourced by the bench scripts: bench_token prints an access token of the load-test client
# platform-bench, got from the local identity provider with the client-credentials grant. The
# gateway's local profile gives that client (its azp) room above the load a benchmark sends; every
# other caller, this machine included, is rate limited as in production. Every request a benchmark
# sends through the gateway carries this token, public routes included.
BENCH_CLIENT=platform-bench
BENCH_CLIENT_SECRET=platform-bench-local-secret # a published local demo value (identity-provider Personas)

bench_token() {
  local response token
  response=$(curl -fsS -m 10 -u "$BENCH_CLIENT:$BENCH_CLIENT_SECRET" -d grant_type=client_credentials \
    http://127.0.0.1:9000/staff/oauth2/token) || {
    echo "The identity provider did not issue a $BENCH_CLIENT token: is the platform up (./platform up -d)?" >&2
    return 1
  }
  token=$(sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' <<<"$response")
  [[ -n $token ]] || {
    echo "Unexpected answer from the identity provider: $response" >&2
    return 1
  }
  printf '%s\n' "$token"
}
