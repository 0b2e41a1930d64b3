// The window's view-model without a window: step cursor, playback, field <-> byte linking,
// selection and hover, rerun keeping the position, endpoint knowledge.
#include <catch2/catch.hpp>

#include <algorithm>

#include "app/endpoint_knowledge.hpp"
#include "app/field_lookup.hpp"
#include "app/run_and_decode.hpp"
#include "app/session.hpp"
#include "app/step_cursor.hpp"
#include "app/step_notes.hpp"
#include "core/engine/engine.hpp"
#include "core/wire/names.hpp"

using namespace hl;
using namespace hl::app;

namespace {

Field leaf(const char* name, std::size_t offset, std::size_t length) {
  Field field;
  field.name = name;
  field.offset = offset;
  field.length = length;
  return field;
}

// A record header (5 bytes) followed by a handshake header and a body, like a real record.
std::vector<Field> record_tree() {
  Field header = leaf("TLSPlaintext", 0, 5);
  header.children = {leaf("type", 0, 1), leaf("legacy_record_version", 1, 2), leaf("length", 3, 2)};
  Field handshake = leaf("Handshake", 5, 7);
  handshake.children = {leaf("msg_type", 5, 1), leaf("length", 6, 3), leaf("body", 9, 3)};
  return {header, handshake};
}

// A handshake record carrying one message; the title (display only) comes from the type table.
Step record(Side from, HandshakeType type, std::size_t num_bytes, bool is_protected = false) {
  Step step;
  step.kind = StepKind::record;
  step.from = from;
  step.title = wire::handshake_type_title(static_cast<std::uint8_t>(type));
  step.content_type = is_protected ? 23 : 22;
  step.inner_type = 22;
  step.messages = {type};
  step.bytes.assign(num_bytes, 0x16);
  step.is_protected = is_protected;
  if (is_protected) step.plaintext.assign(num_bytes - 5, 0x01);
  return step;
}

Step event(Side from, EventKind kind, const char* title) {
  Step step;
  step.kind = StepKind::event;
  step.from = from;
  step.event = kind;
  step.title = title;
  step.parts = {EventPart{kind, title, {}, {}, {}}};
  return step;
}

// Builds a run whose records all decode to record_tree() (inner tree for protected ones).
std::shared_ptr<RunData> make_run(std::vector<Step> steps, std::uint64_t serial = 0) {
  Transcript transcript;
  transcript.steps = std::move(steps);
  transcript.serial = serial;
  std::vector<wire::DecodedStep> decoded(transcript.steps.size());
  for (std::size_t i = 0; i < transcript.steps.size(); ++i) {
    if (transcript.steps[i].kind != StepKind::record) continue;
    decoded[i].fields = record_tree();
    if (transcript.steps[i].is_protected) decoded[i].inner_fields = {leaf("content", 0, 6), leaf("type", 6, 1)};
  }
  return make_run_data(Scenario{}, std::move(transcript), std::move(decoded));
}

std::vector<Step> tls13_steps() {
  return {record(Side::client, HandshakeType::client_hello, 12),
          event(Side::server, EventKind::state, "SSLv3/TLS read client hello"),
          record(Side::server, HandshakeType::server_hello, 12),
          event(Side::server, EventKind::secret, "server handshake secret"),
          record(Side::server, HandshakeType::certificate, 12, true),
          record(Side::client, HandshakeType::finished, 12, true)};
}

}  // namespace

TEST_CASE("StepCursor moves within its bounds") {
  StepCursor cursor(3);
  CHECK(cursor.at_first());
  CHECK_FALSE(cursor.back());
  CHECK(cursor.next());
  CHECK(cursor.next());
  CHECK(cursor.at_last());
  CHECK_FALSE(cursor.next());
  CHECK(cursor.index() == 2);
  cursor.first();
  CHECK(cursor.index() == 0);
  cursor.jump(99);
  CHECK(cursor.index() == 2);
  cursor.jump(1);
  CHECK(cursor.index() == 1);
}

TEST_CASE("An empty StepCursor stays at 0") {
  StepCursor cursor;
  CHECK(cursor.empty());
  CHECK_FALSE(cursor.next());
  CHECK_FALSE(cursor.back());
  cursor.last();
  cursor.jump(5);
  CHECK(cursor.index() == 0);
}

TEST_CASE("Rerun position follows the step's type, counting repeats") {
  const std::vector<int> old_keys = {1, 2, 11, 11, 20};  // stands for StepIdentity: any key with ==
  CHECK(occurrence_of(old_keys, 3) == 1);
  CHECK(occurrence_of(old_keys, 2) == 0);
  CHECK(occurrence_of(old_keys, 9) == 0);
  const std::vector<int> with_hrr = {1, 6, 1, 2, 11, 11, 20};
  CHECK(find_step_after_rerun(with_hrr, 2, 0) == 3);
  CHECK(find_step_after_rerun(with_hrr, 11, 1) == 5);
  CHECK(find_step_after_rerun(with_hrr, 1, 1) == 2);
  // Fewer repeats than before: the last one of that type.
  CHECK(find_step_after_rerun(std::vector<int>{1, 2, 2, 3}, 2, 4) == 2);
  // The type no longer occurs: the last step.
  CHECK(find_step_after_rerun(std::vector<int>{1, 2, 3}, 9, 0) == 2);
  CHECK(find_step_after_rerun(std::vector<int>{}, 9, 0) == 0);
}

TEST_CASE("A step's identity is its types, not its title") {
  Step hello = record(Side::server, HandshakeType::server_hello, 12);
  Step renamed = hello;
  renamed.title = "The server says hello";
  CHECK(identity_of(renamed) == identity_of(hello));
  Step retry = record(Side::server, HandshakeType::hello_retry_request, 12);
  retry.title = hello.title;  // same title, other message
  CHECK_FALSE(identity_of(retry) == identity_of(hello));
  Step from_client = hello;
  from_client.from = Side::client;
  CHECK_FALSE(identity_of(from_client) == identity_of(hello));
}

TEST_CASE("Playback moves whole steps at its speed and carries the rest") {
  Playback playback;
  CHECK(playback.tick(5.0) == 0);  // paused
  playback.set_playing(true);
  playback.set_speed(2.0);
  CHECK(playback.tick(0.3) == 0);
  CHECK(playback.tick(0.3) == 1);  // 1.2 steps so far
  CHECK(playback.tick(1.0) == 2);
  playback.set_speed(1000);
  CHECK(playback.speed() == 20.0);
  CHECK(playback.tick(-1) == 0);
}

TEST_CASE("Fields and bytes link both ways") {
  const auto roots = record_tree();
  REQUIRE(field_at_path(roots, {1, 2}) != nullptr);
  CHECK(field_at_path(roots, {1, 2})->name == "body");
  CHECK(field_at_path(roots, {2}) == nullptr);
  CHECK(field_at_path(roots, {0, 9}) == nullptr);
  CHECK(range_of(roots, {0, 1}) == ByteRange{1, 2});
  CHECK_FALSE(range_of(roots, {5}).has_value());

  CHECK(deepest_field_at(roots, 0) == FieldPath{0, 0});
  CHECK(deepest_field_at(roots, 4) == FieldPath{0, 2});
  CHECK(deepest_field_at(roots, 7) == FieldPath{1, 1});
  CHECK(deepest_field_at(roots, 11) == FieldPath{1, 2});
  CHECK_FALSE(deepest_field_at(roots, 12).has_value());  // one past the end
  CHECK_FALSE(deepest_field_at({}, 0).has_value());

  // Every byte maps to a leaf whose range maps back over that byte.
  for (std::size_t byte = 0; byte < 12; ++byte) {
    auto path = deepest_field_at(roots, byte);
    REQUIRE(path);
    CHECK(field_at_path(roots, *path)->children.empty());
    CHECK(range_of(roots, *path)->contains(byte));
  }
  CHECK(is_ancestor({1}, {1, 2}));
  CHECK_FALSE(is_ancestor({1, 2}, {1, 2}));
  CHECK_FALSE(is_ancestor({0}, {1, 2}));
}

TEST_CASE("Leaf colours cover every leaf and neighbours differ") {
  auto colours = leaf_colours(record_tree(), 8);
  REQUIRE(colours.size() == 6);
  for (std::size_t i = 1; i < colours.size(); ++i) {
    CHECK(colours[i].range.offset >= colours[i - 1].range.offset + colours[i - 1].range.length);
    CHECK(colours[i].colour != colours[i - 1].colour);
  }
  // Zero-length leaves are skipped; a one-colour palette still works.
  std::vector<Field> with_empty = {leaf("empty", 0, 0), leaf("one", 0, 1)};
  auto single = leaf_colours(with_empty, 1);
  REQUIRE(single.size() == 1);
  CHECK(single[0].colour == 0);
}

TEST_CASE("Session shows the steps as trace numbers them, or every event on request") {
  Session session;
  CHECK(session.current_step() == nullptr);
  auto run = make_run(tls13_steps());
  std::vector<Step> every = tls13_steps();  // the same run with the server's secrets one by one
  every.insert(every.begin() + 4, event(Side::server, EventKind::secret, "client handshake secret"));
  run->every_event = make_run(every);
  session.adopt(run);
  CHECK(session.shown_steps().size() == 6);
  CHECK(carries(*session.current_step(), HandshakeType::client_hello));
  REQUIRE(session.next());
  CHECK(session.current_step()->event == EventKind::state);
  session.jump_to_step(4);
  REQUIRE(carries(*session.current_step(), HandshakeType::certificate));
  session.set_show_every_event(true);
  CHECK(session.run() == run->every_event.get());
  CHECK(session.shown_steps().size() == 7);
  CHECK(carries(*session.current_step(), HandshakeType::certificate));  // the switch keeps the step
  CHECK(session.current_index() == 5);
  session.set_show_every_event(false);
  CHECK(session.current_index() == 4);
  session.last();
  CHECK(carries(*session.current_step(), HandshakeType::finished));
  CHECK_FALSE(session.next());
  // A run without an every-event form (nothing grouped) shows as it is either way.
  session.set_show_every_event(true);
  session.adopt(make_run(tls13_steps()));
  CHECK(session.shown_steps().size() == 6);
}

TEST_CASE("Selecting a byte selects its field and the field's range lights the bytes") {
  Session session;
  session.adopt(make_run(tls13_steps()));
  CHECK_FALSE(session.selected_range());
  unsigned reveal = session.reveal_serial();
  REQUIRE(session.select_byte(Buffer::wire, 7));
  CHECK(session.selected()->path == FieldPath{1, 1});
  CHECK(session.reveal_serial() != reveal);  // the tree opens to it
  CHECK(session.selected_range() == ByteHighlight{Buffer::wire, {6, 3}});
  CHECK_FALSE(session.select_byte(Buffer::wire, 40));  // past the end: selection unchanged
  CHECK(session.selected()->path == FieldPath{1, 1});

  session.select_field({Buffer::wire, {0}});
  CHECK(session.selected_range() == ByteHighlight{Buffer::wire, {0, 5}});
  session.select_field({Buffer::wire, {7, 7}});  // leads nowhere: ignored
  CHECK(session.selected()->path == FieldPath{0});

  session.next();  // another step: selection cleared
  CHECK_FALSE(session.selected());
}

TEST_CASE("Protected records link the decrypted bytes separately") {
  Session session;
  session.adopt(make_run(tls13_steps()));
  session.jump_to_step(4);
  REQUIRE(session.current_step()->is_protected);
  REQUIRE(session.select_byte(Buffer::plaintext, 6));
  CHECK(session.selected_range() == ByteHighlight{Buffer::plaintext, {6, 1}});
  CHECK(session.field(*session.selected())->name == "type");
}

TEST_CASE("Hover from one view is readable by all views in the next frame") {
  Session session;
  session.adopt(make_run(tls13_steps()));
  session.begin_frame();
  session.hover_byte(Buffer::wire, 3);
  CHECK_FALSE(session.hovered_range());  // still this frame
  session.begin_frame();
  CHECK(session.hovered_range() == ByteHighlight{Buffer::wire, {3, 2}});
  CHECK(session.field(*session.hovered())->name == "length");
  session.begin_frame();  // nobody hovered anything
  CHECK_FALSE(session.hovered());
  session.hover_field({Buffer::wire, {1}});
  session.begin_frame();
  CHECK(session.hovered_range() == ByteHighlight{Buffer::wire, {5, 7}});
}

TEST_CASE("A rerun keeps the cursor on the step of the same type and keeps the selection") {
  Session session;
  session.adopt(make_run(tls13_steps()));
  session.jump_to_step(4);  // Certificate
  session.select_field({Buffer::wire, {1, 2}});

  // A HelloRetryRequest run has more steps before the certificate.
  std::vector<Step> with_hrr = tls13_steps();
  with_hrr.insert(with_hrr.begin() + 1, {record(Side::server, HandshakeType::hello_retry_request, 12),
                                         record(Side::client, HandshakeType::client_hello, 12)});
  session.adopt(make_run(with_hrr));
  CHECK(carries(*session.current_step(), HandshakeType::certificate));
  CHECK(session.current_index() == 6);
  REQUIRE(session.selected());
  CHECK(session.selected()->path == FieldPath{1, 2});

  // A run that fails before the certificate: the last step.
  session.adopt(make_run({record(Side::client, HandshakeType::client_hello, 12),
                          event(Side::client, EventKind::failure, "failed"),
                          record(Side::client, HandshakeType::finished, 12)}));
  CHECK(session.current_index() == 2);
}

TEST_CASE("Switching attack=mitm to mitm-clickthrough keeps the cursor on Mallory's certificate") {
  Scenario scenario;
  scenario.seed = 1;
  scenario.attack = Attack::mitm;
  Session session;
  session.adopt(run_and_decode(scenario));
  const auto& steps = session.run()->transcript.steps;
  std::size_t hers = steps.size();
  for (std::size_t i = 0; i < steps.size() && hers == steps.size(); ++i)
    if (steps[i].from == Side::attacker && carries(steps[i], HandshakeType::certificate)) hers = i;
  REQUIRE(hers < steps.size());
  session.jump_to_step(hers);

  scenario.attack = Attack::mitm_clickthrough;  // the Scenario panel's rerun
  session.adopt(run_and_decode(scenario));
  REQUIRE(session.current_step() != nullptr);
  CHECK(session.current_step()->from == Side::attacker);
  CHECK(session.current_step()->to == Side::client);
  CHECK(carries(*session.current_step(), HandshakeType::certificate));

  // And back from the relayed request on her second connection: the same request there.
  const auto& relayed = session.run()->transcript.steps;
  std::size_t request = relayed.size();
  for (std::size_t i = 0; i < relayed.size() && request == relayed.size(); ++i)
    if (relayed[i].from == Side::attacker && relayed[i].to == Side::server && relayed[i].app_unit == "GET /") request = i;
  REQUIRE(request < relayed.size());
  session.jump_to_step(request);
  session.adopt(run_and_decode(scenario));
  CHECK(session.current_index() == request);
}

TEST_CASE("View caches key on the run's serial and the step, so a new run at a reused address still refreshes") {
  Session session;
  CHECK(session.run_serial() == 0);
  session.adopt(make_run(tls13_steps(), 41));
  session.jump_to_step(4);
  const StepKey first = session.step_key();
  CHECK(first == StepKey{41, 4});
  const RunData* first_address = session.run();

  // The same steps again, as a rerun with the same scenario makes them: only the serial tells them apart.
  session.adopt(make_run(tls13_steps(), 42));
  CHECK(session.current_index() == 4);
  CHECK(session.step_key() != first);
  CHECK(session.step_key() == StepKey{42, 4});
  INFO("the second run " << (session.run() == first_address ? "reused" : "did not reuse") << " the first's address");

  session.back();
  CHECK(session.step_key() == StepKey{42, session.current_index()});
  CHECK(session.step_key().index != 4);
}

TEST_CASE("A hold stops next() and playback before a step; a jump or a new run releases it") {
  Session session;
  session.adopt(make_run(tls13_steps(), 1));
  session.jump_to_step(2);  // ServerHello
  session.hold_before(4);   // a question about the Certificate waits
  CHECK(session.next());    // the hidden-from-nobody secret event at 3 is still allowed
  CHECK(session.current_index() == 3);
  CHECK(session.next_held());
  CHECK_FALSE(session.next());
  CHECK(session.current_index() == 3);
  session.playback().set_playing(true);
  session.tick(5.0);
  CHECK(session.current_index() == 3);
  CHECK_FALSE(session.playback().playing());

  CHECK(session.back());  // stepping back keeps the question waiting
  CHECK(session.held_step() == std::optional<std::size_t>(4));
  session.last();  // a jump is a deliberate skip
  CHECK_FALSE(session.held_step());

  session.jump_to_step(2);
  session.hold_before(4);
  session.adopt(make_run(tls13_steps(), 2));
  CHECK_FALSE(session.held_step());
}

TEST_CASE("Playback in the session stops at the last step") {
  Session session;
  session.adopt(make_run(tls13_steps()));
  session.playback().set_speed(10);
  session.playback().set_playing(true);
  session.tick(0.25);  // 2.5 steps
  CHECK(session.cursor().index() == 2);
  session.tick(10);
  CHECK(session.cursor().at_last());
  CHECK_FALSE(session.playback().playing());
}

TEST_CASE("Endpoint knowledge grows step by step") {
  Transcript transcript;
  transcript.negotiated = {"TLSv1.3", "TLS_AES_128_GCM_SHA256", "x25519", "ecdsa_secp256r1_sha256", "http/1.1", false, ""};
  Step secret = event(Side::client, EventKind::secret, "client handshake secret");
  secret.parts[0].keylog_line = "CLIENT_HANDSHAKE_TRAFFIC_SECRET 00 11";
  Step check = event(Side::client, EventKind::verify, "verify depth 0");
  check.parts[0].verify = {0, "CN=www.example.com", false, 62, "hostname mismatch", "X509_V_ERR_HOSTNAME_MISMATCH"};
  transcript.steps = {record(Side::client, HandshakeType::client_hello, 12), record(Side::server, HandshakeType::server_hello, 12), secret,
                      record(Side::server, HandshakeType::encrypted_extensions, 12, true), check,
                      event(Side::client, EventKind::alert_sent, "fatal bad_certificate")};

  Knowledge before = knowledge_after(transcript, 0);
  CHECK(before.client.version.empty());
  CHECK(before.server.cipher.empty());
  Knowledge after_hello = knowledge_after(transcript, 1);
  CHECK(after_hello.client.version == "TLSv1.3");
  CHECK(after_hello.server.group == "x25519");
  CHECK(after_hello.client.alpn.empty());  // TLS 1.3 sends ALPN in EncryptedExtensions
  CHECK(after_hello.client.secrets.empty());
  Knowledge at_end = knowledge_after(transcript, 99);
  CHECK(at_end.client.secrets == std::vector<std::string>{"CLIENT_HANDSHAKE_TRAFFIC_SECRET"});
  CHECK(at_end.server.secrets.empty());
  CHECK(at_end.client.alpn == "http/1.1");
  // A mail run offers no ALPN: once EncryptedExtensions is in, the pane says so rather than "not yet".
  Transcript mail = transcript;
  mail.negotiated.alpn.clear();
  CHECK(knowledge_after(mail, 1).client.alpn.empty());
  CHECK(knowledge_after(mail, 99).client.alpn == "none offered");
  REQUIRE(at_end.client.checks.size() == 1);
  CHECK(at_end.client.checks[0].error == 62);
  CHECK(at_end.client.alerts.size() == 1);
  CHECK_FALSE(at_end.client.handshake_done);
  CHECK(keylog_label("CLIENT_RANDOM aa bb") == "CLIENT_RANDOM");
  CHECK(keylog_label("") == "");
}

TEST_CASE("Step notes explain records and pass events through") {
  Step hello = record(Side::client, HandshakeType::client_hello, 12);
  StepNote note = step_note(hello);
  CHECK(note.heading == "ClientHello");
  CHECK(note.text.find("supports") != std::string::npos);
  Step sent = record(Side::server, HandshakeType::certificate, 12, true);
  CHECK(step_note(sent).text.find("encrypted") != std::string::npos);
  CHECK(step_note(record(Side::server, HandshakeType::certificate_verify, 12)).text.find("signature") != std::string::npos);
  Step done = event(Side::client, EventKind::handshake_done, "handshake done");
  done.detail = "The client has checked the server's Finished.";
  CHECK(step_note(done).text == done.detail);
}

TEST_CASE("Display values show control bytes as escapes, once per run") {
  Transcript transcript;
  Step ehlo;
  ehlo.kind = StepKind::app_line;
  ehlo.title = ehlo.app_unit = "EHLO";
  ehlo.bytes.assign(12, 0x41);
  transcript.steps = {ehlo};
  std::vector<wire::DecodedStep> decoded(1);
  Field line = leaf("line ending", 10, 2);
  line.value = "\"\r\n\"";
  Field odd = leaf("odd", 0, 1);
  odd.value = std::string("a\x01" "b");
  Field plain = leaf("verb", 0, 4);
  plain.value = "EHLO";
  plain.children = {line, odd};
  decoded[0].fields = {plain};
  auto run = make_run_data(Scenario{}, std::move(transcript), std::move(decoded));
  const auto& fields = run->decoded[0].fields;
  CHECK(fields[0].value == "EHLO");
  CHECK(fields[0].children[0].value == "\"\\r\\n\"");
  CHECK(fields[0].children[1].value == "a\\x01b");
}

TEST_CASE("Endpoint knowledge belongs to the connection each side is in") {
  // A resumed connection with 0-RTT: the client derives the same labels again, and the early secret.
  Scenario scenario;
  scenario.seed = 3;
  REQUIRE(set_scenario_field(scenario, "early-data", "on").empty());
  const Transcript t = run_scenario(scenario);
  REQUIRE(t.handshake_complete);
  std::size_t last_of_first = 0;
  for (std::size_t i = 0; i < t.steps.size(); ++i)
    if (t.steps[i].connection == 1) last_of_first = i;
  REQUIRE(last_of_first + 1 < t.steps.size());
  const auto has = [](const std::vector<std::string>& labels, const char* label) {
    return std::find(labels.begin(), labels.end(), label) != labels.end();
  };
  const Knowledge first = knowledge_after(t, last_of_first);
  CHECK(has(first.client.secrets, "CLIENT_TRAFFIC_SECRET_0"));
  CHECK_FALSE(has(first.client.secrets, "CLIENT_EARLY_TRAFFIC_SECRET"));
  CHECK(first.client.handshake_done);
  const Knowledge second = knowledge_after(t, t.steps.size() - 1);
  for (const SideKnowledge* side : {&second.client, &second.server}) {
    std::vector<std::string> sorted = side->secrets;
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());  // each label once: one connection's
    CHECK(has(side->secrets, "CLIENT_TRAFFIC_SECRET_0"));
  }
  CHECK(has(second.client.secrets, "CLIENT_EARLY_TRAFFIC_SECRET"));
  CHECK(first.client.sigalg == t.negotiated.sigalg);                   // the full handshake's CertificateVerify
  CHECK(second.client.sigalg == "none: resumed, nothing is signed");  // not "not yet" for ever
  // The second connection's ClientHello has just reached the server: neither side has finished this
  // handshake, and the server has derived nothing in it yet.
  std::size_t hello = last_of_first + 1;
  while (hello < t.steps.size() && t.steps[hello].kind != StepKind::record) ++hello;
  REQUIRE(hello < t.steps.size());
  REQUIRE(carries(t.steps[hello], HandshakeType::client_hello));
  const Knowledge starting = knowledge_after(t, hello);
  CHECK_FALSE(starting.client.handshake_done);
  CHECK_FALSE(starting.server.handshake_done);
  CHECK(starting.server.secrets.empty());
}
