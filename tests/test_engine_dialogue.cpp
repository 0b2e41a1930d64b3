// How the pump meets the application protocol: units in the clear until both peers ask for
// TLS (STARTTLS), the handshake, then the rest inside TLS; a client that never upgrades;
// peers that misbehave. Uses a tiny made-up line protocol so the engine is tested alone.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "core/engine/engine.hpp"
#include "core/model/flows.hpp"
#include "core/model/record_layer.hpp"

using namespace hl;

namespace {

AppUnit line(const std::string& text) { return AppUnit{Bytes(text.begin(), text.end()), text.substr(0, text.size() - 2)}; }
std::string text_of(std::span<const std::uint8_t> bytes) { return std::string(bytes.begin(), bytes.end()); }

// Client: HELLO, then STARTTLS (when it upgrades), then SECRET once TLS is up.
class LineClient final : public ProtocolPeer {
 public:
  explicit LineClient(bool upgrade) : upgrade_(upgrade) {}
  std::vector<AppUnit> take_output() override {
    if (step_ == 0) return step_ = 1, std::vector<AppUnit>{line("HELLO\r\n")};
    if (step_ == 2 && upgrade_) return step_ = 3, std::vector<AppUnit>{line("STARTTLS\r\n")};
    if (step_ == 2 && !upgrade_) return step_ = 5, std::vector<AppUnit>{line("SECRET in the clear\r\n")};
    if (step_ == 4) return step_ = 5, std::vector<AppUnit>{line("SECRET\r\n")};
    return {};
  }
  void receive(std::span<const std::uint8_t> bytes) override {
    const std::string text = text_of(bytes);
    if (step_ == 1 && text == "OK STARTTLS available\r\n") step_ = 2;
    if (step_ == 3 && text == "GO\r\n") tls_ = true, step_ = 4;
    if (step_ == 5 && text == "BYE\r\n") done_ = true;
  }
  bool wants_tls() const override { return tls_; }
  bool finished() const override { return done_; }

 private:
  bool upgrade_;
  int step_ = 0;
  bool tls_ = false;
  bool done_ = false;
};

class LineServer final : public ProtocolPeer {
 public:
  std::vector<AppUnit> take_output() override {
    std::vector<AppUnit> out;
    out.swap(queue_);
    if (go_queued_) tls_ = true;  // only once "GO" has been taken does the server expect TLS
    return out;
  }
  void receive(std::span<const std::uint8_t> bytes) override {
    const std::string text = text_of(bytes);
    if (text == "HELLO\r\n") queue_.push_back(line("OK STARTTLS available\r\n"));
    if (text == "STARTTLS\r\n") queue_.push_back(line("GO\r\n")), go_queued_ = true;
    if (text.rfind("SECRET", 0) == 0) queue_.push_back(line("BYE\r\n")), done_ = true;
  }
  bool wants_tls() const override { return tls_; }
  bool finished() const override { return done_ && queue_.empty(); }

 private:
  std::vector<AppUnit> queue_;
  bool go_queued_ = false;
  bool tls_ = false;
  bool done_ = false;
};

EngineOptions line_protocol(bool upgrade) {
  EngineOptions options;
  options.dialogue = [upgrade](const hl::PeerConfig&) {
    return Dialogue{std::make_unique<LineClient>(upgrade), std::make_unique<LineServer>()};
  };
  return options;
}

// The cleartext lines, "line client: HELLO"; the TLS records are checked against the flows table.
std::vector<std::string> wire_sequence(const Transcript& t) {
  std::vector<std::string> out;
  for (const auto& step : t.steps) {
    if (step.kind != StepKind::app_line) continue;
    out.push_back(std::string("line ") + side_name(step.from) + ": " + step.app_unit);
  }
  return out;
}

Scenario starttls_scenario() {
  Scenario scenario;
  scenario.protocol = "line";
  scenario.mode = PortMode::starttls;
  return scenario;
}

}  // namespace

TEST_CASE("STARTTLS: cleartext lines, then the handshake, then the rest inside TLS") {
  Transcript t = run_scenario(starttls_scenario(), line_protocol(true));
  INFO(t.failure);
  REQUIRE(t.failure.empty());
  CHECK(t.handshake_complete);
  CHECK(wire_sequence(t) == std::vector<std::string>{"line client: HELLO", "line server: OK STARTTLS available",
                                                     "line client: STARTTLS", "line server: GO"});
  // After GO: a whole TLS 1.3 handshake as the flows table has it, then the dialogue inside it.
  const flows::Match match = flows::pick(t);
  REQUIRE(match.flow != nullptr);
  CHECK(match.flow->id == flows::FlowId::tls13_full);
  CHECK(match.complete);
  CHECK_FALSE(match.unexpected);
  CHECK(match.rows.size() == flows::messages_of(t).size());
  const auto messages = flows::messages_of(t);
  REQUIRE(messages.size() >= 2);
  const Step& secret = t.steps[messages[messages.size() - 2].step];
  const Step& bye = t.steps[messages.back().step];
  CHECK(secret.inner_type == record::kApplicationData);
  CHECK(secret.app_unit == "SECRET");
  CHECK(bye.from == Side::server);
  CHECK(bye.app_unit == "BYE");
  auto last_line = std::find_if(t.steps.rbegin(), t.steps.rend(), [](const Step& s) { return s.kind == StepKind::app_line; });
  auto first_record = std::find_if(t.steps.begin(), t.steps.end(), [](const Step& s) { return s.kind == StepKind::record; });
  CHECK(&*last_line < &*first_record);  // every cleartext line came before the first record
  for (const auto& step : t.steps) {
    if (step.kind != StepKind::app_line) continue;
    CHECK(step.protocol == "line");
    CHECK(step.bytes.size() >= 2);
  }
}

TEST_CASE("STARTTLS refused by the client: everything stays in the clear, no handshake") {
  Transcript t = run_scenario(starttls_scenario(), line_protocol(false));
  CHECK(t.failure.empty());
  CHECK_FALSE(t.handshake_complete);
  CHECK(wire_sequence(t) == std::vector<std::string>{"line client: HELLO", "line server: OK STARTTLS available",
                                                     "line client: SECRET in the clear", "line server: BYE"});
}

TEST_CASE("the intervention hook sees app lines and can strip them") {
  EngineOptions options = line_protocol(true);
  // A man in the middle swallows the client's STARTTLS: the server never answers GO.
  options.intervene = [](Step& step) {
    return step.kind == StepKind::app_line && step.app_unit == "STARTTLS" ? Delivery::drop : Delivery::deliver;
  };
  Transcript t = run_scenario(starttls_scenario(), options);
  CHECK_FALSE(t.handshake_complete);
  auto sequence = wire_sequence(t);
  CHECK(sequence.back() == "line client: STARTTLS");  // recorded on the client's side of the wire, then lost
  CHECK(t.failure.find("waiting for the other") != std::string::npos);
}

TEST_CASE("a chatty peer that never stops is cut off by the round cap") {
  class Chatty final : public ProtocolPeer {
   public:
    std::vector<AppUnit> take_output() override { return {line("MORE\r\n")}; }
    void receive(std::span<const std::uint8_t>) override {}
    bool wants_tls() const override { return false; }
    bool finished() const override { return false; }
  };
  EngineOptions options;
  options.max_rounds = 50;
  options.dialogue = [](const hl::PeerConfig&) { return Dialogue{std::make_unique<Chatty>(), std::make_unique<Chatty>()}; };
  Transcript t = run_scenario(starttls_scenario(), options);
  CHECK(t.failure.find("50 rounds") != std::string::npos);
  CHECK(t.steps.size() <= 2 * 50 + 2);
}

TEST_CASE("unseeded runs on two threads at once both complete") {
  Transcript a, b;
  std::thread first([&] { a = run_scenario(Scenario{}); });
  std::thread second([&] {
    Scenario seeded;
    seeded.seed = 3;
    b = run_scenario(seeded);
  });
  first.join();
  second.join();
  CHECK(a.handshake_complete);
  CHECK(b.handshake_complete);
}
