// `handshake-lab audit --connect` on loopback: the lab's own server graded as the scenario audit
// grades it, openssl s_server, and peers that are not TLS servers (silent, garbage, refused),
// each ending with one line of error within the timeout.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <set>

#include <nlohmann/json.hpp>

#include "support/background.hpp"

using hl::test::Background;
using hl::test::count_lines;
using hl::test::run_cli;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("hl-audit-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// The lab's server for `args`, on an ephemeral loopback port, with its CA in dir/ca.pem.
struct Lab {
  Lab(const std::string& args, const fs::path& dir)
      : process(std::string("'") + HL_CLI_PATH + "' live --listen 0 --ca-out '" + (dir / "ca.pem").string() + "' " + args, dir, "lab") {
    const std::string text = process.wait_for(std::regex(R"(listening on 127\.0\.0\.1:(\d+))"));
    port = text.empty() ? 0 : std::stoi(text);
  }
  Background process;
  int port = 0;
};

std::set<std::string> finding_ids(const nlohmann::json& report) {
  std::set<std::string> ids;
  for (const auto& f : report.at("findings")) ids.insert(f.at("id").get<std::string>());
  return ids;
}

// A loopback listening socket; `port` is where it listens. Closed with the object.
struct Listening {
  Listening() {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(fd, 8) == 0);
    socklen_t len = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &len);
    port = ntohs(address.sin_port);
  }
  ~Listening() { ::close(fd); }
  int fd = -1;
  int port = 0;
};

// Runs the audit and measures how long it took.
struct Timed {
  hl::test::CliRun run;
  double seconds = 0;
};
Timed timed_audit(const std::string& args) {
  const auto start = std::chrono::steady_clock::now();
  Timed out{run_cli("audit " + args), 0};
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace

TEST_CASE("audit --connect grades the lab's own server as the scenario audit grades its lesson", "[live]") {
  const fs::path dir = fresh_dir("lab");
  Lab lab("--lesson audit --handshake-timeout 5", dir);
  REQUIRE(lab.port != 0);
  const auto run = run_cli("audit --connect 127.0.0.1:" + std::to_string(lab.port) + " --cafile '" + (dir / "ca.pem").string() +
                           "' --timeout 5 --format json");
  REQUIRE(run.status == 0);
  const auto live = nlohmann::json::parse(run.out);
  const auto scenario = nlohmann::json::parse(run_cli("audit --lesson audit --format json").out);
  CHECK(live.at("grade") == "D");
  CHECK(finding_ids(live) == finding_ids(scenario));
  CHECK(live.at("runs").size() == 5);  // at most five handshakes
  for (const auto& f : live.at("findings")) CHECK_FALSE(f.at("evidence").at("bytes").get<std::string>().empty());
}

TEST_CASE("audit --connect: a well-configured lab server gets an A; text output", "[live]") {
  const fs::path dir = fresh_dir("good");
  Lab lab("--lesson audit --set version=1.3 --set hsts=on --set cert-days=90 --set ocsp=good", dir);
  REQUIRE(lab.port != 0);
  const auto run = run_cli("audit --connect 127.0.0.1:" + std::to_string(lab.port) + " --cafile '" + (dir / "ca.pem").string() +
                           "' --timeout 5");
  REQUIRE(run.status == 0);
  CHECK(run.out.find("Grade A (0 findings)") != std::string::npos);
  CHECK(run.out.find("the 80->443 redirect: not probed live") != std::string::npos);
}

TEST_CASE("audit --connect: openssl s_server with a self-signed certificate, no --cafile: cert-rejected", "[live]") {
  const fs::path dir = fresh_dir("s_server");
  const std::string cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
  REQUIRE(std::system(("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout '" + key + "' -out '" +
                       cert + "' -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1 -days 2 >/dev/null 2>&1")
                          .c_str()) == 0);
  Background server("openssl s_server -accept 0 -www -cert '" + cert + "' -key '" + key + "'", dir, "s_server");
  const std::string port = server.wait_for(std::regex(R"(ACCEPT .*:(\d+))"), true);
  REQUIRE_FALSE(port.empty());
  const auto run = run_cli("audit --connect 127.0.0.1:" + port + " --timeout 5 --format json");
  REQUIRE(run.status == 0);
  const auto report = nlohmann::json::parse(run.out);
  CHECK(report.at("grade") == "F");
  CHECK(finding_ids(report).count("cert-rejected") == 1);
  // With its certificate trusted: s_server -www sends no Strict-Transport-Security.
  const auto trusted = nlohmann::json::parse(run_cli("audit --connect 127.0.0.1:" + port + " --timeout 5 --format json --cafile '" + cert + "'").out);
  CHECK(finding_ids(trusted).count("cert-rejected") == 0);
  CHECK(finding_ids(trusted).count("no-hsts") == 1);
}

TEST_CASE("audit --connect: a silent server ends with one line within the timeout", "[live]") {
  Listening silent;  // accepts into its backlog, never answers
  const Timed t = timed_audit("--connect 127.0.0.1:" + std::to_string(silent.port) + " --timeout 1");
  CHECK(t.run.status == 1);
  CHECK(t.run.out.empty());
  CHECK(count_lines(t.run.err) == 1);
  CHECK(t.run.err.find("did not answer with TLS") != std::string::npos);
  CHECK(t.seconds < 5);
}

TEST_CASE("audit --connect: a server that speaks garbage, or resets, ends with one line", "[live]") {
  for (const bool reset : {false, true}) {
    DYNAMIC_SECTION((reset ? "reset" : "garbage")) {
      Listening server;
      std::atomic<bool> done{false};
      std::thread peer([&] {
        const int fd = ::accept(server.fd, nullptr, nullptr);
        if (fd < 0) return;
        if (reset) {
          linger hard{1, 0};
          ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
        } else {
          const char garbage[] = "220 not a TLS server, just some text\r\n\x01\x02\x03\xff\xfe";
          ::send(fd, garbage, sizeof garbage - 1, MSG_NOSIGNAL);
          while (!done.load()) std::this_thread::sleep_for(20ms);
        }
        ::close(fd);
      });
      const Timed t = timed_audit("--connect 127.0.0.1:" + std::to_string(server.port) + " --timeout 2");
      done = true;
      peer.join();
      INFO(t.run.err);
      CHECK(t.run.status == 1);
      CHECK(count_lines(t.run.err) == 1);
      // A reset may already arrive while connecting: "cannot connect ...: Connection reset by peer".
      const bool named = t.run.err.find("did not answer with TLS") != std::string::npos ||
                         (reset && t.run.err.find("reset by peer") != std::string::npos);
      CHECK(named);
      CHECK(t.seconds < 6);
    }
  }
}

TEST_CASE("audit --connect: a refused port, and the loopback rule", "[live]") {
  int port = 0;
  {
    Listening closed;
    port = closed.port;
  }
  const Timed t = timed_audit("--connect 127.0.0.1:" + std::to_string(port) + " --timeout 2");
  CHECK(t.run.status == 1);
  CHECK(count_lines(t.run.err) == 1);
  CHECK(t.run.err.find("cannot connect") != std::string::npos);
  CHECK(t.seconds < 5);

  const auto remote = run_cli("audit --connect 192.0.2.1:443");
  CHECK(remote.status == 2);
  CHECK(remote.err.find("--allow-remote") != std::string::npos);
}
