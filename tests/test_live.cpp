// `handshake-lab live` on real loopback sockets: openssl s_client against --listen, --connect
// against openssl s_server, hostile peers (random bytes, a slow drip, half-open connections,
// 100 connections at once), the connection bound, and usage errors. Timeouts are set short by
// flag so the whole file runs in seconds.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/background.hpp"
#include "support/cli_run.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

using hl::test::Background;

namespace {

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("hl-live-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// Starts `live --listen 0 ...` and reads back the ephemeral port it printed.
struct Lab {
  Lab(const std::string& args, const fs::path& dir)
      : process(std::string("'") + HL_CLI_PATH + "' live --listen 0 --ca-out '" + (dir / "ca.pem").string() + "' " + args,
                dir, "lab") {
    const std::string text = process.wait_for(std::regex(R"(listening on 127\.0\.0\.1:(\d+))"));
    port = text.empty() ? 0 : std::stoi(text);
  }
  Background process;
  int port = 0;
};

// s_client speaking HTTP/1.1 to the lab; its whole output.
std::string s_client_get(int port, const fs::path& dir) {
  const std::string command = "printf 'GET / HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n' | timeout 10 openssl s_client -connect 127.0.0.1:" +
                              std::to_string(port) + " -servername localhost -tls1_3 -CAfile '" + (dir / "ca.pem").string() +
                              "' -verify_return_error -verify_hostname localhost -ign_eof >'" +
                              (dir / "s_client.txt").string() + "' 2>&1";
  std::system(command.c_str());
  return hl::test::read_file(dir / "s_client.txt");
}

nlohmann::json read_json(const fs::path& path) { return nlohmann::json::parse(hl::test::read_file(path)); }

// A plain blocking TCP connection to the lab.
int connect_to(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// True when the lab closes `fd` (end of stream or reset) within `timeout`; what it sent is discarded.
bool closed_by_lab_within(int fd, std::chrono::milliseconds timeout) {
  char buffer[4096];
  for (auto end = Clock::now() + timeout; Clock::now() < end;) {
    pollfd wait{fd, POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count();
    if (::poll(&wait, 1, static_cast<int>(std::max<long long>(left, 0))) <= 0) continue;
    if (::recv(fd, buffer, sizeof buffer, 0) <= 0) return true;
  }
  return false;
}

// Every connection file is a trace: steps numbered from 1, a failure that is null or a sentence.
void check_well_formed(const nlohmann::json& trace) {
  REQUIRE(trace.contains("steps"));
  REQUIRE(trace["steps"].is_array());
  for (std::size_t i = 0; i < trace["steps"].size(); ++i) CHECK(trace["steps"][i]["index"] == i + 1);
  CHECK((trace["failure"].is_null() || trace["failure"]["reason"].is_string()));
  CHECK(trace["handshake_complete"].is_boolean());
}

const nlohmann::json* step_with(const nlohmann::json& trace, const std::string& from, const std::string& message) {
  for (const auto& step : trace["steps"])
    if (step["from"] == from && step.contains("messages") &&
        std::find(step["messages"].begin(), step["messages"].end(), message) != step["messages"].end())
      return &step;
  return nullptr;
}

}  // namespace

TEST_CASE("live --listen: openssl s_client completes a TLS 1.3 handshake and exchanges application data", "[live]") {
  const fs::path dir = fresh_dir("s_client");
  Lab lab("--lesson https-443 --once --out '" + (dir / "out").string() + "'", dir);
  REQUIRE(lab.port > 0);
  const std::string client = s_client_get(lab.port, dir);
  CHECK(client.find("Verification: OK") != std::string::npos);
  CHECK(client.find("HTTP/1.1 200 OK") != std::string::npos);
  REQUIRE(lab.process.wait_exit() == 0);  // --once: gone after its connection
  CHECK(lab.process.err().find("connection 1 with 127.0.0.1:") != std::string::npos);

  const nlohmann::json trace = read_json(dir / "out" / "connection-1.json");
  check_well_formed(trace);
  CHECK(trace["handshake_complete"] == true);
  CHECK(trace["negotiated"]["version"] == "TLSv1.3");
  CHECK(trace["steps"][0]["from"] == "client");
  CHECK(trace["steps"][0]["messages"] == nlohmann::json::array({"client_hello"}));
  REQUIRE(step_with(trace, "server", "server_hello") != nullptr);
  REQUIRE(step_with(trace, "server", "certificate") != nullptr);
  // The client's Finished, decrypted by the lab with its own secrets and checked against the recomputed keys.
  const nlohmann::json* finished = step_with(trace, "client", "finished");
  REQUIRE(finished != nullptr);
  CHECK((*finished)["protection"]["opened"] == true);
  CHECK((*finished)["protection"]["matches_plaintext"] == true);
  // The request and the answer, as application data in both directions.
  bool saw_request = false, saw_answer = false;
  for (const auto& step : trace["steps"]) {
    const std::string plaintext = step.value("plaintext", "");
    saw_request = saw_request || (step["from"] == "client" && plaintext.starts_with("474554202f20485454502f312e31"));  // "GET / HTTP/1.1"
    saw_answer = saw_answer || (step["from"] == "server" && step["title"] == "Application Data (200 OK)");
  }
  CHECK(saw_request);
  CHECK(saw_answer);
  for (const auto& check : trace["key_schedule_checks"]) CHECK(check["ok"] == true);
}

TEST_CASE("live --listen with client-cert=on: a real client holding --client-cert-out's identity completes mutual TLS", "[live]") {
  const fs::path dir = fresh_dir("mtls");
  const fs::path identity = dir / "client.pem";
  Lab lab("--lesson https-443 --set client-cert=on --once --client-cert-out '" + identity.string() + "' --out '" +
              (dir / "out").string() + "'",
          dir);
  REQUIRE(lab.port > 0);
  // The leaf, the CA below the root that issued it, and the key; readable by its owner only.
  const std::string pem = hl::test::read_file(identity);
  CHECK(std::count(pem.begin(), pem.end(), '\n') > 10);
  CHECK(pem.find("BEGIN CERTIFICATE") != pem.rfind("BEGIN CERTIFICATE"));
  CHECK(pem.find("BEGIN PRIVATE KEY") != std::string::npos);
  CHECK((fs::status(identity).permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
  const std::string command = "printf 'GET / HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n' | timeout 10 openssl s_client -connect 127.0.0.1:" +
                              std::to_string(lab.port) + " -servername localhost -CAfile '" + (dir / "ca.pem").string() +
                              "' -cert '" + identity.string() + "' -cert_chain '" + identity.string() + "' -key '" +
                              identity.string() + "' -ign_eof >'" + (dir / "s_client.txt").string() + "' 2>&1";
  std::system(command.c_str());
  CHECK(hl::test::read_file(dir / "s_client.txt").find("HTTP/1.1 200 OK") != std::string::npos);
  REQUIRE(lab.process.wait_exit() == 0);
  const nlohmann::json trace = read_json(dir / "out" / "connection-1.json");
  CHECK(trace["handshake_complete"] == true);
  CHECK(trace["negotiated"]["client_certificate"] == "CN=service-a.example.com,O=Handshake Lab Demo");
  REQUIRE(step_with(trace, "server", "certificate_request") != nullptr);
  REQUIRE(step_with(trace, "client", "certificate_verify") != nullptr);
}

TEST_CASE("live --listen: gnutls-cli sends its request and close_notify at once, and still gets the answer", "[live]") {
  const fs::path dir = fresh_dir("gnutls");
  Lab lab("--lesson https-443 --once --out '" + (dir / "out").string() + "'", dir);
  REQUIRE(lab.port > 0);
  const std::string command = "printf 'GET / HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n' | timeout 10 gnutls-cli --x509cafile '" +
                              (dir / "ca.pem").string() + "' -p " + std::to_string(lab.port) + " localhost >'" +
                              (dir / "c.txt").string() + "' 2>&1";
  std::system(command.c_str());
  const std::string client = hl::test::read_file(dir / "c.txt");
  CHECK(client.find("The certificate is trusted") != std::string::npos);
  CHECK(client.find("HTTP/1.1 200 OK") != std::string::npos);
  REQUIRE(lab.process.wait_exit() == 0);
  const nlohmann::json trace = read_json(dir / "out" / "connection-1.json");
  check_well_formed(trace);
  CHECK(trace["handshake_complete"] == true);
}

TEST_CASE("live --listen speaks the SMTP dialogue before STARTTLS (openssl s_client -starttls smtp)", "[live]") {
  const fs::path dir = fresh_dir("starttls");
  Lab lab("--lesson submission-587 --once", dir);
  REQUIRE(lab.port > 0);
  const std::string command = "printf 'QUIT\\r\\n' | timeout 10 openssl s_client -starttls smtp -connect 127.0.0.1:" +
                              std::to_string(lab.port) + " -CAfile '" + (dir / "ca.pem").string() +
                              "' -verify_return_error -verify_hostname localhost -ign_eof >'" + (dir / "c.txt").string() + "' 2>&1";
  std::system(command.c_str());
  CHECK(hl::test::read_file(dir / "c.txt").find("221 2.0.0 Bye") != std::string::npos);
  REQUIRE(lab.process.wait_exit() == 0);
  // Without --out the text trace goes to stdout.
  const std::string text = lab.process.out();
  CHECK(text.find("250-STARTTLS") != std::string::npos);
  CHECK(text.find("220 (ready for TLS)") != std::string::npos);
  CHECK(text.find("Application Data (QUIT) [encrypted]") != std::string::npos);
  CHECK(text.find("Result: handshake complete") != std::string::npos);
}

TEST_CASE("live --connect records a handshake with openssl s_server", "[live]") {
  const fs::path dir = fresh_dir("s_server");
  const std::string cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
  REQUIRE(std::system(("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout '" + key + "' -out '" +
                       cert + "' -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1 -days 2 >/dev/null 2>&1")
                          .c_str()) == 0);
  Background server("openssl s_server -accept 0 -naccept 2 -www -cert '" + cert + "' -key '" + key + "'", dir, "s_server");
  const std::string port = server.wait_for(std::regex(R"(ACCEPT .*:(\d+))"), true);
  REQUIRE_FALSE(port.empty());

  // Without --cafile the lab's client does not trust the self-signed certificate: a recorded
  // failure, as a lesson's bad certificate is (exit 0, the trace ends with the alert).
  const hl::test::CliRun refused = hl::test::run_cli("live --connect 127.0.0.1:" + port + " --lesson https-443 --out '" +
                                                     (dir / "refused").string() + "' --handshake-timeout 5");
  REQUIRE(refused.status == 0);
  const nlohmann::json refusal = read_json(dir / "refused" / "connection-1.json");
  check_well_formed(refusal);
  CHECK(refusal["handshake_complete"] == false);
  REQUIRE(refusal["failure"].is_object());
  CHECK(refusal["failure"]["verify"]["name"] == "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT");
  CHECK(refusal["failure"]["alert"]["from"] == "client");

  const hl::test::CliRun run = hl::test::run_cli("live --connect 127.0.0.1:" + port + " --lesson https-443 --cafile '" + cert +
                                                 "' --out '" + (dir / "out").string() + "' --handshake-timeout 5");
  REQUIRE(run.status == 0);
  const nlohmann::json trace = read_json(dir / "out" / "connection-1.json");
  check_well_formed(trace);
  CHECK(trace["handshake_complete"] == true);
  // The real server's encrypted Certificate, opened by the lab's client, and the chain check it made.
  const nlohmann::json* certificate = step_with(trace, "server", "certificate");
  REQUIRE(certificate != nullptr);
  CHECK((*certificate)["protection"]["opened"] == true);
  bool verified = false;
  for (const auto& step : trace["steps"])
    for (const auto& part : step.value("parts", nlohmann::json::array()))
      verified = verified || (part.value("event", "") == "verify" && part.dump().find("X509_V_OK") != std::string::npos);
  CHECK(verified);
  CHECK(run.err.find("connection 1 with 127.0.0.1:" + port) != std::string::npos);
}

TEST_CASE("hostile peers never take the lab down nor block other connections", "[live]") {
  const fs::path dir = fresh_dir("hostile");
  Lab lab("--lesson https-443 --handshake-timeout 1 --idle-timeout 1.5 --max-connections 200 --out '" + (dir / "out").string() + "'",
          dir);
  REQUIRE(lab.port > 0);
  std::size_t num_connections = 0;

  SECTION("random bytes") {
    std::mt19937 random(7);
    for (int blob = 0; blob < 3; ++blob) {
      std::string noise(3000, '\0');
      for (char& byte : noise) byte = static_cast<char>(random());
      const int fd = connect_to(lab.port);
      REQUIRE(fd >= 0);
      ::send(fd, noise.data(), noise.size(), MSG_NOSIGNAL);
      CHECK(closed_by_lab_within(fd, 3s));
      ::close(fd);
      ++num_connections;
    }
  }
  SECTION("a slow drip: one byte every 200 ms") {
    const int fd = connect_to(lab.port);
    REQUIRE(fd >= 0);
    const auto start = Clock::now();
    const unsigned char hello_start[] = {0x16, 0x03, 0x01, 0x00, 0xF0, 0x01, 0x00, 0x00, 0xEC, 0x03, 0x03, 0x00, 0x00, 0x00, 0x00};
    bool closed = false;
    for (unsigned char byte : hello_start) {
      if (::send(fd, &byte, 1, MSG_NOSIGNAL) != 1 || (closed = closed_by_lab_within(fd, 200ms))) break;
    }
    closed = closed || closed_by_lab_within(fd, 2s);
    CHECK(closed);
    CHECK(Clock::now() - start < 2500ms);  // the handshake timeout (1 s) ended it, not the drip
    ::close(fd);
    num_connections = 1;
  }
  SECTION("half-open: silent, and a write side shut") {
    const int silent = connect_to(lab.port);
    const int shut = connect_to(lab.port);
    REQUIRE((silent >= 0 && shut >= 0));
    ::send(shut, "\x16\x03", 2, MSG_NOSIGNAL);
    ::shutdown(shut, SHUT_WR);
    CHECK(closed_by_lab_within(shut, 500ms));
    CHECK(closed_by_lab_within(silent, 3s));
    ::close(silent);
    ::close(shut);
    num_connections = 2;
  }
  SECTION("100 connections at once, and a real client served meanwhile") {
    std::vector<int> fds;
    for (int i = 0; i < 100; ++i) fds.push_back(connect_to(lab.port));
    CHECK(std::count(fds.begin(), fds.end(), -1) == 0);
    const auto start = Clock::now();
    CHECK(s_client_get(lab.port, dir).find("HTTP/1.1 200 OK") != std::string::npos);
    CHECK(Clock::now() - start < 1000ms);  // served before the 100 silent ones time out
    for (int fd : fds) {
      CHECK(closed_by_lab_within(fd, 3s));
      ::close(fd);
    }
    num_connections = 101;
  }

  REQUIRE(lab.process.alive());
  // Every connection is written out once it is over; give the last ones a moment.
  for (auto end = Clock::now() + 3s; Clock::now() < end && fs::exists(dir / "out") &&
                                     std::distance(fs::directory_iterator(dir / "out"), fs::directory_iterator{}) <
                                         static_cast<std::ptrdiff_t>(num_connections);)
    std::this_thread::sleep_for(20ms);
  CHECK(lab.process.terminate() == 0);
  std::size_t num_failed = 0, num_complete = 0;
  for (std::size_t n = 1; n <= num_connections; ++n) {
    const fs::path path = dir / "out" / ("connection-" + std::to_string(n) + ".json");
    REQUIRE(fs::exists(path));
    const nlohmann::json trace = read_json(path);
    check_well_formed(trace);
    num_failed += trace["failure"].is_object();
    num_complete += trace["handshake_complete"] == true;
  }
  CHECK(num_complete == (num_connections == 101 ? 1u : 0u));
  CHECK(num_failed == num_connections - num_complete);
}

TEST_CASE("one connection over --max-connections is closed at once, the others are served", "[live]") {
  const fs::path dir = fresh_dir("bound");
  Lab lab("--lesson https-443 --handshake-timeout 2 --max-connections 2 --out '" + (dir / "out").string() + "'", dir);
  REQUIRE(lab.port > 0);
  const int first = connect_to(lab.port);
  const int second = connect_to(lab.port);
  std::this_thread::sleep_for(100ms);  // both accepted
  const int third = connect_to(lab.port);
  CHECK(closed_by_lab_within(third, 1s));
  CHECK_FALSE(closed_by_lab_within(first, 200ms));
  CHECK(lab.process.wait_for(std::regex("(refused 127\\.0\\.0\\.1:\\d+: 2 connections are open)")).size() > 0);
  for (int fd : {first, second, third}) ::close(fd);
  CHECK(lab.process.alive());
  CHECK(lab.process.terminate() == 0);
}

TEST_CASE("live usage errors exit 2 with one line", "[live]") {
  const char* const bad[][2] = {
      {"live --listen 0.0.0.0:0", "--allow-remote"},
      {"live --connect 192.0.2.1:443", "--allow-remote"},
      {"live --listen 70000", "65535"},
      {"live --listen 12ab", "port"},
      {"live --connect localhost", "HOST:PORT"},
      {"live --connect localhost:0", "port"},
      {"live --lesson https-443", "exactly one of --listen and --connect"},
      {"live --listen 0 --connect localhost:443", "exactly one"},
      {"live --listen 0 --lesson no-such-lesson", "no-such-lesson"},
      {"live --listen 0 --handshake-timeout 0", "handshake-timeout"},
      {"live --connect localhost:443 --once", "--once"},
      {"live --listen 0 --lesson mtls --set client-cert=post-handshake", "after the handshake"},
      {"live --listen 0 --client-cert-out /tmp/hl-never.pem", "client-cert=on"},
      {"live --connect localhost:443 --client-cert-out /tmp/hl-never.pem", "--client-cert-out"},
  };
  for (const auto& [args, reason] : bad) {
    CAPTURE(args);
    const hl::test::CliRun run = hl::test::run_cli(args);
    CHECK(run.status == 2);
    CHECK(run.err.find(reason) != std::string::npos);
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  }
}
