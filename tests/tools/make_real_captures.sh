#!/bin/sh
# Remakes tests/data/real-openssl/: captures of a real `openssl s_client` talking to a real
# `openssl s_server` over loopback, with the client's key log, for test_cli_real_capture.
# Nothing in them comes from the lab. What the script controls, and the test asserts:
#   tls13.pcapng + tls13.keys  TLS 1.3, -ciphersuites TLS_CHACHA20_POLY1305_SHA256, -groups secp384r1,
#                               pcapng as dumpcap writes it (the key log beside it, no DSB)
#   tls12.pcap   + tls12.keys  TLS 1.2, -cipher ECDHE-ECDSA-AES256-GCM-SHA384, -groups secp384r1:prime256v1
#                               (ECDHE on secp384r1, the client's first; TLS 1.2 needs P-256 offered
#                               too, for the ECDSA P-256 certificate), classic pcap (dumpcap -P)
# In each, the client sends CLIENT_LINE once the handshake is done, the server answers with
# SERVER_LINE a second later, then the client closes (close_notify). Neither choice is
# OpenSSL's default, so a decoder that ignored the file would not pass by luck.
#
#   tests/tools/make_real_captures.sh [OUTDIR=tests/data/real-openssl] [PORT=24480]
# Needs openssl, dumpcap and the right to capture on lo (root or the wireshark group).
set -eu
OUT=$(realpath -m "${1:-tests/data/real-openssl}")
PORT=${2:-24480}
CLIENT_LINE='GET /real-capture HTTP/1.0'
SERVER_LINE='HTTP/1.0 200 OK from s_server'
DIR=$(mktemp -d)
SERVER_PID=
CAPTURE_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "$CAPTURE_PID" ] && kill "$CAPTURE_PID" 2>/dev/null || true
  rm -rf "$DIR"
}
trap cleanup EXIT
mkdir -p "$OUT"
cd "$DIR"

# A small certificate keeps the files small: P-256, short name, two days.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out cert.pem -days 2 \
  -subj /CN=localhost 2>/dev/null

# capture NAME FORMAT_FLAG VERSION_FLAG SUITE_FLAGS...: one connection, captured and keyed.
capture() {
  name=$1 format=$2 version=$3
  shift 3
  dumpcap -i lo -f "tcp port $PORT" $format -w "$name.raw" -q 2>dumpcap.log &
  CAPTURE_PID=$!
  sleep 2
  # The server answers one connection; its line leaves a second after the client's arrives.
  (sleep 3; printf '%s\n' "$SERVER_LINE"; sleep 4) |
    openssl s_server -accept "127.0.0.1:$PORT" -cert cert.pem -key key.pem "$version" "$@" -naccept 1 -quiet >server.out 2>&1 &
  SERVER_PID=$!
  sleep 1
  # The client sends its line, waits for the answer, then stdin ends and it closes.
  (printf '%s\n' "$CLIENT_LINE"; sleep 4) |
    openssl s_client -connect "127.0.0.1:$PORT" "$version" "$@" -keylogfile "$name.keys" -quiet -no_ign_eof >client.out 2>&1
  wait "$SERVER_PID" || true
  SERVER_PID=
  sleep 1
  kill -INT "$CAPTURE_PID"
  wait "$CAPTURE_PID" || true
  CAPTURE_PID=
  grep -qF "$SERVER_LINE" client.out || { echo "$name: the client did not get the server's line" >&2; cat client.out server.out >&2; exit 1; }
  grep -qF "$CLIENT_LINE" server.out || { echo "$name: the server did not get the client's line" >&2; cat client.out server.out >&2; exit 1; }
  grep -v '^#' "$name.keys" >"$OUT/$name.keys"
}

capture tls13 "" -tls1_3 -ciphersuites TLS_CHACHA20_POLY1305_SHA256 -groups secp384r1
mv tls13.raw "$OUT/tls13.pcapng"
capture tls12 -P -tls1_2 -cipher ECDHE-ECDSA-AES256-GCM-SHA384 -groups secp384r1:prime256v1
mv tls12.raw "$OUT/tls12.pcap"
chmod 644 "$OUT"/tls1[23].*
ls -l "$OUT"
