// Settings a lesson cannot honour are refused before anything runs: exit 2, one line on stderr
// saying why, with one hint at most.
#include <catch2/catch.hpp>

#include <string>

#include "support/cli_run.hpp"

namespace {

using hl::test::run_cli;
using Run = hl::test::CliRun;

int count(const std::string& text, const std::string& needle) {
  int found = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++found;
  return found;
}

// Exit 2, nothing on stdout, one line on stderr containing every word given, and one hint at most.
void check_refused(const std::string& args, std::initializer_list<const char*> words) {
  INFO(args);
  Run run = run_cli(args);
  INFO(run.err);
  CHECK(run.status == 2);
  CHECK(run.out.empty());
  CHECK(count(run.err, "\n") == 1);
  CHECK(count(run.err, "(see ") + count(run.err, "did you mean") <= 1);
  for (const char* word : words) CHECK_THAT(run.err, Catch::Contains(word));
}

}  // namespace

TEST_CASE("settings the lesson cannot honour are usage errors that say why") {
  check_refused("trace --lesson https-443 --set mode=starttls", {"mode=starttls", "HTTP has no STARTTLS"});
  check_refused("trace --lesson https-443 --set mode=plaintext", {"mode=plaintext", "https-443", "implicit TLS on port 443", "--lesson http-80"});
  check_refused("trace --lesson smtps-465 --set mode=starttls", {"--lesson smtp-25 or submission-587"});
  check_refused("trace --lesson imaps-993 --set starttls=off", {"starttls=off", "imaps-993", "no STARTTLS"});
  check_refused("trace --lesson http-80 --set version=1.2", {"version=1.2", "http-80", "no TLS"});
  check_refused("trace --lesson smtp-25 --set cookie-secure=off", {"cookie-secure=off", "no cookies"});
  // Post-handshake client authentication is TLS 1.3's (RFC 8446 §4.6.2); TLS 1.2 has no such message.
  check_refused("trace --lesson mtls --set version=1.2 --set client-cert=post-handshake",
                {"client-cert=post-handshake", "TLS 1.2", "RFC 8446 §4.6.2", "version=1.3"});
}

TEST_CASE("an ECDSA certificate whose curve the TLS 1.2 client does not offer is refused, naming the fix") {
  // RFC 8422 §5.1: in TLS 1.2 the client's groups also say which curves it accepts in the certificate.
  check_refused("trace --set cert=ecdsa-p384 --set version=1.2",
                {"cert=ecdsa-p384", "version=1.2", "RFC 8422 §5.1", "P-384 is not among them", "groups=X25519:P-256:P-384"});
  check_refused("trace --set version=1.2 --set groups=X25519", {"cert=ecdsa-p256", "P-256 is not among them"});
  CHECK(run_cli("trace --seed 1 --set cert=ecdsa-p384 --set version=1.2 --set groups=X25519:P-256:P-384").status == 0);
  CHECK(run_cli("trace --seed 1 --set cert=ecdsa-p384").status == 0);  // TLS 1.3: signature_algorithms decides
  CHECK(run_cli("trace --seed 1 --set cert=ed25519 --set version=1.2 --set groups=X25519").status == 0);
}

TEST_CASE("a setting the lesson does honour still runs") {
  CHECK(run_cli("trace --lesson mtls --seed 1 --set client-cert=post-handshake").status == 0);
  CHECK(run_cli("trace --lesson mtls --seed 1 --set version=1.2").status == 0);
  CHECK(run_cli("trace --lesson imap-143 --seed 1 --set starttls=off").status == 0);
  CHECK(run_cli("trace --lesson https-443 --seed 1 --set mode=implicit-tls").status == 0);
  CHECK(run_cli("trace --lesson http-80 --seed 1 --set cookie-secure=on").status == 0);
  Run host = run_cli("trace --lesson http-80 --seed 1 --set server-name=shop.example.com --eavesdropper");  // the Host header
  CHECK(host.status == 0);
  CHECK_THAT(host.out, Catch::Contains("shop.example.com"));
}

TEST_CASE("the clock: every encodable validity window runs, the rest is refused naming the range") {
  for (const char* clock : {"0", "-631000000", "253087027199"}) {
    INFO(clock);
    Run run = run_cli(std::string("trace --seed 1 --set clock=") + clock);
    INFO(run.err);
    CHECK(run.status == 0);
    CHECK_THAT(run.out, Catch::Contains("handshake complete"));
  }
  for (const char* clock : {"253402300799", "-700000000", "253087027200"}) {
    check_refused(std::string("trace --set clock=") + clock,
                  {"clock=", "1950", "9999-12-31T23:59:59Z", "-631065600", "253087027199"});
  }
}

TEST_CASE("a server agreeing to h2 is refused: the lab speaks only HTTP/1.1; a client may offer it") {
  check_refused("trace --set server-alpn=h2", {"server-alpn=h2", "HTTP/1.1", "HTTP/2"});
  check_refused("trace --set server-alpn=h2,http/1.1", {"'h2'"});
  check_refused("trace --lesson smtp-25 --set alpn=h2", {"alpn=h2", "the server speaks what the client offers"});
  check_refused("trace --set alpn=http/1.1,,h2", {"alpn=", "1 to 255 bytes"});
  check_refused("trace --set server-alpn=,", {"server-alpn=", "1 to 255 bytes"});
  CHECK(run_cli("trace --seed 1 --set alpn=http/1.1").status == 0);
  // Offered beside http/1.1, h2 is simply not chosen: the server speaks HTTP/1.1.
  const Run both = run_cli("trace --seed 1 --set alpn=h2,http/1.1 --format json");
  CHECK(both.status == 0);
  CHECK_THAT(both.out, Catch::Contains("\"alpn\": \"http/1.1\""));
}

TEST_CASE("signature algorithms that fit no key name that cause, not 'unsupported protocol'") {
  check_refused("trace --set sigalgs=RSA+SHA256", {"sigalgs=RSA+SHA256", "no offered signature scheme fits", "ECDSA P-256"});
  check_refused("trace --set cert=rsa-2048 --set sigalgs=RSA+SHA256", {"RSA key in TLS 1.3"});
  CHECK(run_cli("trace --seed 1 --set sigalgs=ECDSA+SHA256").status == 0);
  CHECK(run_cli("trace --seed 1 --set cert=rsa-2048 --set sigalgs=rsa_pss_rsae_sha256").status == 0);
  CHECK(run_cli("trace --seed 1 --set version=1.2 --set cert=rsa-2048 --set sigalgs=RSA+SHA256").status == 0);
}

TEST_CASE("a near-miss lesson id gets a suggestion; every error line carries one hint") {
  Run typo = run_cli("trace --lesson https-433");
  CHECK(typo.status == 2);
  CHECK_THAT(typo.err, Catch::Contains("did you mean https-443?"));
  CHECK(count(typo.err, "(see ") == 0);
  Run far = run_cli("trace --lesson nothing-like-it");
  CHECK(count(far.err, "(see ") == 1);
  Run key = run_cli("trace --set colour=red");
  CHECK(count(key.err, "(see ") == 1);
}

TEST_CASE("screenshot checks every option before opening a window") {
  if (run_cli("--help").out.find("screenshot") == std::string::npos) return;  // built without the window
  // No display at all: the bad option is still a usage error, not "cannot open a window".
  Run view = run_cli("screenshot --step 1 --out /tmp/hl-never.png --view Nope", "DISPLAY= WAYLAND_DISPLAY=");
  CHECK(view.status == 2);
  CHECK_THAT(view.err, Catch::Contains("unknown view 'Nope'") && Catch::Contains("Scenario") && Catch::Contains("Ladder"));
  Run set = run_cli("screenshot --step 1 --out /tmp/hl-never.png --set server-alpn=h2", "DISPLAY= WAYLAND_DISPLAY=");
  CHECK(set.status == 2);
  Run lesson = run_cli("screenshot --step 1 --out /tmp/hl-never.png --lesson https-433", "DISPLAY= WAYLAND_DISPLAY=");
  CHECK(lesson.status == 2);
  Run step = run_cli("screenshot --step 9999 --out /tmp/hl-never.png", "DISPLAY= WAYLAND_DISPLAY=");
  CHECK(step.status == 2);
  CHECK_THAT(step.err, Catch::Contains("--step 9999 is out of range"));
  Run byte = run_cli("screenshot --step 1 --select-byte 999999 --out /tmp/hl-never.png", "DISPLAY= WAYLAND_DISPLAY=");
  CHECK(byte.status == 2);
  CHECK_THAT(byte.err, Catch::Contains("no field at that byte"));
}

TEST_CASE("screenshot checks a what-if edit on the run before opening a window") {
  if (run_cli("--help").out.find("screenshot") == std::string::npos) return;  // built without the window
  const std::string shot = "screenshot --step 1 --seed 1 --out /tmp/hl-never.png ";
  const char* no_display = "DISPLAY= WAYLAND_DISPLAY=";
  Run path = run_cli(shot + "--edit 1:nonsense=1", no_display);
  CHECK(path.status == 2);
  CHECK_THAT(path.err, Catch::Contains("--edit") && Catch::Contains("nonsense") && Catch::Contains("cipher_suites"));
  Run unseeded = run_cli("screenshot --step 1 --out /tmp/hl-never.png --edit 1:legacy_version=TLS1.0", no_display);
  CHECK(unseeded.status == 2);
  CHECK_THAT(unseeded.err, Catch::Contains("--seed"));
  Run server = run_cli(shot + "--client-edit 2:cipher_suite=TLS_AES_128_GCM_SHA256", no_display);
  CHECK(server.status == 2);
  CHECK_THAT(server.err, Catch::Contains("--client-edit") && Catch::Contains("not the client's ClientHello"));
  Run not_client = run_cli(shot + "--client-edit 1:legacy_version=TLS1.0", no_display);
  CHECK(not_client.status == 2);
  CHECK_THAT(not_client.err, Catch::Contains("on the wire"));
  Run both = run_cli(shot + "--edit 1:legacy_version=TLS1.0 --client-edit 1:cipher_suites[0]=TLS_AES_128_CCM_SHA256", no_display);
  CHECK(both.status == 2);
  CHECK_THAT(both.err, Catch::Contains("one what-if at a time"));
}
