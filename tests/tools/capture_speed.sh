#!/bin/sh
# Import speed (issue 12 §6): makes a loopback capture of N TLS 1.3 connections (openssl
# s_server and s_client, captured by dumpcap, the key log injected as a DSB by editcap), then
# times `handshake-lab decode --pcap FILE --format json` against `tshark -r FILE -T json` on the
# same file in the same run. Nothing is committed: everything lives in a temporary directory.
#
#   tests/tools/capture_speed.sh build/sim/handshake-lab [N=1000] [PORT=24433]
# Needs openssl, dumpcap, editcap and tshark, and the right to capture on lo (root or the
# wireshark group).
set -eu
LAB=$(realpath "$1")
N=${2:-1000}
PORT=${3:-24433}
DIR=$(mktemp -d)
SERVER_PID=
CAPTURE_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "$CAPTURE_PID" ] && kill "$CAPTURE_PID" 2>/dev/null || true
  rm -rf "$DIR"
}
trap cleanup EXIT
cd "$DIR"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out cert.pem -days 2 \
  -subj /CN=localhost 2>/dev/null
openssl s_server -accept "127.0.0.1:$PORT" -cert cert.pem -key key.pem -tls1_3 -www -quiet >/dev/null 2>&1 &
SERVER_PID=$!
dumpcap -i lo -f "tcp port $PORT" -w raw.pcapng -q 2>dumpcap.log &
CAPTURE_PID=$!
sleep 2
i=0
while [ "$i" -lt "$N" ]; do
  printf 'GET / HTTP/1.0\r\n\r\n' |
    openssl s_client -connect "127.0.0.1:$PORT" -tls1_3 -ign_eof -keylogfile keys.txt -quiet >/dev/null 2>&1
  i=$((i + 1))
done
sleep 1
kill -INT "$CAPTURE_PID"
wait "$CAPTURE_PID" || true
CAPTURE_PID=
editcap --inject-secrets "tls,keys.txt" raw.pcapng capture.pcapng

seconds() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }

start=$(seconds)
"$LAB" decode --pcap capture.pcapng --format json >lab.json
lab=$(elapsed "$start" "$(seconds)")
start=$(seconds)
tshark -r capture.pcapng -T json >tshark.json
shark=$(elapsed "$start" "$(seconds)")

connections=$(grep -c '"source": "capture"' lab.json || true)
echo "capture: $(stat -c %s capture.pcapng) bytes, $N connections requested, $connections TLS connections decoded by the lab"
echo "handshake-lab decode --pcap --format json: ${lab} s ($(stat -c %s lab.json) bytes of JSON)"
echo "tshark -r -T json:                         ${shark} s ($(stat -c %s tshark.json) bytes of JSON)"
echo "ratio tshark / lab: $(echo "scale=1; $shark / $lab" | bc)"
