// The models behind the key schedule pane and the record pane's protection breakdown, on real
// runs without a window: the diagram's nodes and which one a step makes, TLS 1.2's form, a
// failed run's unreached values, a failed check's red mark, the parts of a protected record
// and their byte ranges, and the session state the views share (lit steps, a selected range).
#include <catch2/catch.hpp>

#include <algorithm>

#include "app/protection_parts.hpp"
#include "app/run_and_decode.hpp"
#include "app/schedule_diagram.hpp"
#include "app/session.hpp"
#include "app/window.hpp"
#include "core/engine/scenario.hpp"

using namespace hl;
using namespace hl::app;

namespace {

std::shared_ptr<const RunData> run(std::vector<std::pair<std::string, std::string>> sets = {}) {
  Scenario scenario;
  scenario.seed = 7;
  for (const auto& [key, value] : sets) REQUIRE(set_scenario_field(scenario, key, value).empty());
  auto data = run_and_decode(scenario);
  REQUIRE(data->crypto);
  return data;
}

std::vector<std::string> names_of(const ScheduleDiagram& diagram, NodeRole role) {
  std::vector<std::string> names;
  for (const auto& node : diagram.nodes)
    if (node.role == role) names.push_back(node.name);
  return names;
}

std::size_t index_carrying(const Transcript& transcript, HandshakeType type) {
  for (std::size_t i = 0; i < transcript.steps.size(); ++i)
    if (carries(transcript.steps[i], type)) return i;
  FAIL("no step carries the message");
  return 0;
}

std::vector<std::string> names_made_at(const ScheduleDiagram& diagram, std::size_t step) {
  std::vector<std::string> names;
  for (std::size_t i : nodes_made_at(diagram, step)) names.push_back(diagram.nodes[i].name);
  return names;
}

bool has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

TEST_CASE("The TLS 1.3 diagram follows RFC 8446 §7.1 and lights what each step makes") {
  auto data = run();
  const ScheduleDiagram diagram = build_schedule_diagram(*data->crypto, data->transcript.handshake_complete);
  REQUIRE(diagram.version == 0x0304);
  CHECK(names_of(diagram, NodeRole::spine) == std::vector<std::string>{"early_secret", "early_derived_secret",
                                                                       "handshake_secret", "handshake_derived_secret",
                                                                       "master_secret"});
  const DiagramNode* chts = diagram.find("client_handshake_traffic_secret");
  REQUIRE(chts != nullptr);
  CHECK(chts->depth == 1);
  CHECK(chts->value->label == "c hs traffic");
  const DiagramNode* key = diagram.find("client_handshake_traffic_secret_key");
  REQUIRE(key != nullptr);
  CHECK(key->depth == 2);
  CHECK(key->title == "key");
  CHECK(key->bytes.size() == data->crypto->schedule.suite->key_len);
  for (const char* name : {"server_handshake_traffic_secret", "client_application_traffic_secret_0",
                           "server_application_traffic_secret_0", "exporter_master_secret", "resumption_master_secret",
                           "server_handshake_traffic_secret_finished_key"}) {
    INFO(name);
    CHECK(diagram.find(name) != nullptr);
  }
  // Nothing disagrees in a normal run.
  CHECK(diagram.num_checks > 0);
  CHECK(diagram.num_failed == 0);

  // The early secret needs no message; the handshake traffic secrets are made by the
  // ServerHello, whose arrival completes the hash they cover; application secrets by the server Finished.
  CHECK(diagram.find("early_secret")->made_step == 0);
  const std::size_t server_hello = index_carrying(data->transcript, HandshakeType::server_hello) + 1;
  const auto at_hello = names_made_at(diagram, server_hello);
  CHECK(has(at_hello, "client_handshake_traffic_secret"));
  CHECK(has(at_hello, "server_handshake_traffic_secret"));
  CHECK(has(at_hello, "server_handshake_traffic_secret_key"));
  CHECK_FALSE(has(at_hello, "client_application_traffic_secret_0"));
  const std::size_t finished = index_carrying(data->transcript, HandshakeType::finished) + 1;
  CHECK(has(names_made_at(diagram, finished), "client_application_traffic_secret_0"));
  // verify_data is lit at the Finished that carries it, not at the CertificateVerify its hash ends on.
  CHECK(has(names_made_at(diagram, finished), "server_finished_verify_data"));
  CHECK(diagram.find("server_finished_verify_data")->made_step == finished);
  CHECK(nodes_made_at(diagram, 0).empty());

  // Selecting the client handshake traffic secret frames ClientHello and ServerHello in the
  // ladder: the messages its hash covers, as transcript indices.
  CHECK(hashed_step_indices(*chts) == std::vector<std::size_t>{0, server_hello - 1});
  CHECK(hashed_step_indices(*diagram.find("early_secret")).empty());

  // On an endpoint event right after the ServerHello, the pane still shows what the ServerHello made.
  REQUIRE(data->transcript.steps[server_hello].kind == StepKind::event);
  CHECK(made_step_shown_at(data->transcript, server_hello) == server_hello);
  CHECK(made_step_shown_at(data->transcript, server_hello - 1) == server_hello);
}

TEST_CASE("The TLS 1.2 diagram: premaster, master secret with the session hash, the key block split") {
  auto data = run({{"version", "1.2"}});
  const ScheduleDiagram diagram = build_schedule_diagram(*data->crypto, data->transcript.handshake_complete);
  REQUIRE(diagram.version == 0x0303);
  CHECK(names_of(diagram, NodeRole::spine) == std::vector<std::string>{"pre_master_secret", "master_secret", "key_block"});
  CHECK(has(names_of(diagram, NodeRole::input), "session_hash"));  // extended master secret, on by default
  for (const char* name : {"client_write_key", "server_write_key", "client_write_iv", "server_write_iv"}) {
    INFO(name);
    const DiagramNode* node = diagram.find(name);
    REQUIRE(node != nullptr);
    CHECK(node->role == NodeRole::branch);
    CHECK(node->depth == 1);
  }
  const DiagramNode* verify = diagram.find("client_finished_verify_data");
  REQUIRE(verify != nullptr);
  CHECK(verify->bytes.size() == 12);  // RFC 5246 §7.4.9
}

TEST_CASE("A run that stops at an alert marks the values it never reached") {
  auto data = run({{"cert-fault", "expired"}});
  REQUIRE_FALSE(data->transcript.handshake_complete);
  const ScheduleDiagram diagram = build_schedule_diagram(*data->crypto, false);
  const DiagramNode* resumption = diagram.find("resumption_master_secret");  // needs the client's Finished
  REQUIRE(resumption != nullptr);
  CHECK(resumption->bytes.empty());
  CHECK(resumption->missing.rfind("not reached", 0) == 0);
  CHECK_FALSE(diagram.find("server_handshake_traffic_secret")->bytes.empty());  // reached before the alert
}

TEST_CASE("A check that fails marks its value red") {
  auto data = run();
  RunCrypto crypto = *data->crypto;
  auto check = std::find_if(crypto.schedule.checks.begin(), crypto.schedule.checks.end(),
                            [](const auto& c) { return c.what.rfind("server_handshake_traffic_secret =", 0) == 0; });
  REQUIRE(check != crypto.schedule.checks.end());
  check->ok = false;
  const ScheduleDiagram diagram = build_schedule_diagram(crypto, true);
  CHECK(diagram.num_failed == 1);
  CHECK(diagram.find("server_handshake_traffic_secret")->check_failed);
  CHECK_FALSE(diagram.find("client_handshake_traffic_secret")->check_failed);
}

TEST_CASE("A TLS 1.3 record's parts are byte ranges: the tag is its last 16 bytes") {
  auto data = run();
  REQUIRE_FALSE(data->crypto->records.empty());
  const crypto::RecordProtection& record = data->crypto->records.front();
  const Step& step = data->transcript.steps[record.step - 1];
  CHECK(data->crypto->record_at(record.step - 1) == &record);
  CHECK(data->crypto->record_at(0) == nullptr);  // the ClientHello is not protected
  const auto parts = protection_parts(record, step, 0x0304);
  auto part = [&](const std::string& name) {
    auto it = std::find_if(parts.begin(), parts.end(), [&](const ProtectionPart& p) { return p.name == name; });
    REQUIRE(it != parts.end());
    return *it;
  };
  const ProtectionPart tag = part("tag");
  REQUIRE(tag.range);
  CHECK(tag.range->buffer == Buffer::wire);
  CHECK(tag.range->range == ByteRange{step.bytes.size() - 16, 16});
  CHECK(tag.bytes == Bytes(step.bytes.end() - 16, step.bytes.end()));
  CHECK(part("additional data").range->range == ByteRange{0, 5});
  CHECK(part("additional data").bytes == Bytes(step.bytes.begin(), step.bytes.begin() + 5));
  CHECK(part("nonce").bytes.size() == 12);
  CHECK_FALSE(part("nonce").range);  // TLS 1.3 sends no part of its nonce
  const ProtectionPart type = part("inner content type");
  REQUIRE(type.range);
  CHECK(type.range->buffer == Buffer::plaintext);
  CHECK(step.plaintext[type.range->range.offset] == step.inner_type);

  // Selecting the tag lights those bytes for the hex view, until the step changes.
  Session session;
  session.adopt(data);
  session.jump_to_step(record.step - 1);
  REQUIRE(session.current_index() == record.step - 1);
  session.select_range(*tag.range, tag.name);
  REQUIRE(session.selected_range());
  CHECK(session.selected_range()->range == ByteRange{step.bytes.size() - 16, 16});
  CHECK(session.selected_range_name() == "tag");
  session.next();
  CHECK_FALSE(session.selected_range());
  CHECK(session.selected_range_name().empty());
}

TEST_CASE("A TLS 1.2 GCM record carries its explicit nonce: the part lights those 8 bytes") {
  auto data = run({{"version", "1.2"}});
  REQUIRE_FALSE(data->crypto->records.empty());
  const crypto::RecordProtection& record = data->crypto->records.front();
  const Step& step = data->transcript.steps[record.step - 1];
  const auto parts = protection_parts(record, step, 0x0303);
  auto nonce = std::find_if(parts.begin(), parts.end(), [](const ProtectionPart& p) { return p.name == "nonce"; });
  REQUIRE(nonce != parts.end());
  REQUIRE(nonce->range);
  CHECK(nonce->range->range == ByteRange{5, 8});
  CHECK(Bytes(nonce->bytes.begin() + 4, nonce->bytes.end()) == Bytes(step.bytes.begin() + 5, step.bytes.begin() + 13));
}

TEST_CASE("Lit steps are shared, kept while stepping and dropped by a new run") {
  auto data = run();
  Session session;
  session.adopt(data);
  session.light_steps({0, 1}, "client_handshake_traffic_secret");
  CHECK(session.step_lit(1));
  CHECK_FALSE(session.step_lit(2));
  session.next();
  CHECK(session.step_lit(0));
  CHECK(session.lit_by() == "client_handshake_traffic_secret");
  session.adopt(run());
  CHECK(session.lit_steps().empty());
}

TEST_CASE("Short values keep head and tail, and --view names match without case or spaces") {
  CHECK(short_hex(Bytes{1, 2, 3}) == "010203");
  CHECK(short_hex(Bytes{0x7e, 0xe8, 0x20, 0x6f, 1, 2, 3, 4, 0x69, 0x71}) == "7ee8206f\u20266971");
  CHECK(steps_text({1, 2}) == "steps 1\u20132");
  CHECK(steps_text({7}) == "step 7");
  CHECK(view_title_for("keyschedule") == "Key schedule");
  CHECK(view_title_for("key-schedule") == "Key schedule");
  CHECK(view_title_for("Fields") == "Fields");
  CHECK(view_title_for("nothing").empty());
}

TEST_CASE("A man in the middle's two connections: the diagram of each is its own session's") {
  auto data = run({{"attack", "mitm-clickthrough"}});
  const RunCrypto& crypto = *data->crypto;
  REQUIRE(crypto.schedules.size() == 2);
  REQUIRE(crypto.exchanges.size() == 2);
  CHECK(&crypto.schedule_of(2) == &crypto.schedules[1]);
  CHECK(&crypto.exchange_of(2) == &crypto.exchanges[1]);
  CHECK(&crypto.schedule_of(9) == &crypto.schedule);  // no such connection: connection 1's
  const ScheduleDiagram near = build_schedule_diagram(crypto, true, 1);
  const ScheduleDiagram far = build_schedule_diagram(crypto, true, 2);
  CHECK(near.num_failed == 0);
  CHECK(far.num_failed == 0);
  CHECK(far.num_checks > 0);
  const DiagramNode* near_secret = near.find("shared_secret");
  const DiagramNode* far_secret = far.find("shared_secret");
  REQUIRE(near_secret != nullptr);
  REQUIRE(far_secret != nullptr);
  CHECK_FALSE(far_secret->bytes.empty());
  CHECK(near_secret->bytes != far_secret->bytes);  // Mallory holds two separate sessions
}
