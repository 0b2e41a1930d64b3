// The compare view's model without a window: steps aligned by role, what differs (round trips,
// bytes per flight, what an eavesdropper reads, messages only one run has), the fork mark, the
// shared cursor, and the KEY=VALUE overrides that make the right-hand run.
#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "app/compare_alignment.hpp"
#include "app/compare_overrides.hpp"
#include "app/comparison.hpp"
#include "app/run_and_decode.hpp"
#include "support/seeded_scenario.hpp"

using namespace hl;
using namespace hl::app;

namespace {

Step record(Side from, HandshakeType type, std::uint8_t size = 10) {
  Step step;
  step.kind = StepKind::record;
  step.from = from;
  step.to = from == Side::client ? Side::server : Side::client;
  step.content_type = step.inner_type = 22;
  step.messages = {type};
  step.bytes.assign(size, 0x16);
  return step;
}

Step app_data(Side from, const char* unit) {
  Step step;
  step.kind = StepKind::record;
  step.from = from;
  step.to = from == Side::client ? Side::server : Side::client;
  step.content_type = step.inner_type = 23;
  step.app_unit = unit;
  step.bytes.assign(20, 0x17);
  return step;
}

Step event(Side side) {
  Step step;
  step.kind = StepKind::event;
  step.from = step.to = side;
  step.event = EventKind::handshake_done;
  return step;
}

Transcript transcript_of(std::vector<Step> steps) {
  Transcript transcript;
  transcript.steps = std::move(steps);
  return transcript;
}

std::shared_ptr<const RunData> seeded_run(std::initializer_list<std::pair<const char*, std::string>> settings) {
  return run_and_decode(test::seeded_scenario(7, settings));
}

// Every compared step of a run appears exactly once on its side, in the run's order.
void check_each_step_once(const std::vector<AlignedRow>& rows, const Transcript& run, bool left, int connection = 0) {
  std::vector<std::size_t> seen;
  for (const auto& row : rows)
    if (auto step = left ? row.left : row.right) seen.push_back(*step);
  std::vector<std::size_t> expected;
  for (std::size_t i = 0; i < run.steps.size(); ++i)
    if (compared_step(run.steps[i], connection)) expected.push_back(i);
  CHECK(seen == expected);
}

const AlignedRow* row_with(const std::vector<AlignedRow>& rows, const Transcript& left, const Transcript& right,
                           HandshakeType type, Side from) {
  for (const auto& row : rows) {
    const Step* step = row.left ? &left.steps[*row.left] : &right.steps[*row.right];
    if (sender_role(*step) == from && carries(*step, type)) return &row;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("each message has its role in the handshake") {
  CHECK(role_of(record(Side::client, HandshakeType::client_hello)) == Role::hello);
  CHECK(role_of(record(Side::server, HandshakeType::hello_retry_request)) == Role::hello);
  CHECK(role_of(record(Side::server, HandshakeType::encrypted_extensions)) == Role::server_parameters);
  CHECK(role_of(record(Side::server, HandshakeType::server_hello_done)) == Role::server_parameters);
  CHECK(role_of(record(Side::server, HandshakeType::certificate_verify)) == Role::certificate);
  CHECK(role_of(record(Side::client, HandshakeType::client_key_exchange)) == Role::key_exchange);
  CHECK(role_of(record(Side::client, HandshakeType::finished)) == Role::finished);
  CHECK(role_of(record(Side::server, HandshakeType::new_session_ticket)) == Role::session_ticket);
  CHECK(role_of(app_data(Side::client, "GET /")) == Role::application_data);
  Step ccs;
  ccs.kind = StepKind::record;
  ccs.content_type = ccs.inner_type = 20;
  CHECK(role_of(ccs) == Role::change_cipher_spec);
  Step line;
  line.kind = StepKind::app_line;
  CHECK(role_of(line) == Role::application_data);
  CHECK(role_of(event(Side::client)) == Role::other);
  CHECK(std::string(role_name(Role::server_parameters)) == "server parameters");
}

TEST_CASE("alignment puts the same message side by side and a missing one beside a gap") {
  const Transcript left = transcript_of({record(Side::client, HandshakeType::client_hello),
                                         record(Side::server, HandshakeType::server_hello), event(Side::client),
                                         record(Side::server, HandshakeType::server_key_exchange),
                                         app_data(Side::client, "GET /")});
  const Transcript right = transcript_of({record(Side::client, HandshakeType::client_hello),
                                          record(Side::server, HandshakeType::server_hello),
                                          record(Side::server, HandshakeType::encrypted_extensions),
                                          app_data(Side::client, "GET /")});
  const auto rows = align_runs(left, right);
  REQUIRE(rows.size() == 5);  // CH, SH, SKE | -, - | EE, GET
  CHECK(rows[0] == AlignedRow{0, 0, Role::hello, true});
  CHECK(rows[1] == AlignedRow{1, 1, Role::hello, true});
  CHECK(rows[2] == AlignedRow{3, std::nullopt, Role::key_exchange, false});  // the event (2) is not compared
  CHECK(rows[3] == AlignedRow{std::nullopt, 2, Role::server_parameters, false});
  CHECK(rows[4] == AlignedRow{4, 3, Role::application_data, true});
  check_each_step_once(rows, left, true);
  check_each_step_once(rows, right, false);
}

TEST_CASE("alignment pairs different messages of one role and sender, and repeated messages first to first") {
  // ServerHelloDone and EncryptedExtensions: both server parameters from the server.
  const Transcript left = transcript_of({record(Side::server, HandshakeType::server_hello_done),
                                         record(Side::server, HandshakeType::new_session_ticket)});
  const Transcript right = transcript_of({record(Side::server, HandshakeType::encrypted_extensions),
                                          record(Side::server, HandshakeType::new_session_ticket),
                                          record(Side::server, HandshakeType::new_session_ticket)});
  const auto rows = align_runs(left, right);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == AlignedRow{0, 0, Role::server_parameters, false});
  CHECK(rows[1] == AlignedRow{1, 1, Role::session_ticket, true});
  CHECK(rows[2] == AlignedRow{std::nullopt, 2, Role::session_ticket, false});
  // A client message never shares a row with a server message, whatever its role.
  const Transcript client = transcript_of({record(Side::client, HandshakeType::certificate)});
  const Transcript server = transcript_of({record(Side::server, HandshakeType::certificate)});
  CHECK(align_runs(client, server).size() == 2);
  // Empty runs align to nothing; one empty run gives every step of the other a row of its own.
  CHECK(align_runs(Transcript{}, Transcript{}).empty());
  CHECK(align_runs(left, Transcript{}).size() == 2);
}

TEST_CASE("TLS 1.2 against TLS 1.3: the ladders line up by role and show what only one version sends") {
  const auto tls12 = seeded_run({{"version", "1.2"}});
  const auto tls13 = seeded_run({{"version", "1.3"}});
  const Transcript& left = tls12->transcript;
  const Transcript& right = tls13->transcript;
  const auto rows = align_runs(left, right);
  check_each_step_once(rows, left, true);
  check_each_step_once(rows, right, false);
  const AlignedRow* hello = row_with(rows, left, right, HandshakeType::client_hello, Side::client);
  REQUIRE(hello != nullptr);
  CHECK((hello->left && hello->right && hello->same));
  const AlignedRow* certificate = row_with(rows, left, right, HandshakeType::certificate, Side::server);
  REQUIRE(certificate != nullptr);
  CHECK((certificate->left && certificate->right));
  const AlignedRow* ske = row_with(rows, left, right, HandshakeType::server_key_exchange, Side::server);
  REQUIRE(ske != nullptr);
  CHECK((ske->left && !ske->right));
  const AlignedRow* ee = row_with(rows, left, right, HandshakeType::encrypted_extensions, Side::server);
  REQUIRE(ee != nullptr);
  CHECK((!ee->left && ee->right));
  // Both runs end with the same request and response, side by side.
  REQUIRE(rows.size() >= 2);
  CHECK((rows.back().left && rows.back().right && rows.back().role == Role::application_data && rows.back().same));

  const Comparison compare({{tls12, "TLS 1.2"}, {tls13, "TLS 1.3"}});
  REQUIRE(compare.active());
  CHECK(compare.rows().size() == rows.size());
  const SideSummary& s12 = compare.summary(Half::left);
  const SideSummary& s13 = compare.summary(Half::right);
  CHECK(s12.round_trips == std::vector<std::optional<std::size_t>>{2});
  CHECK(s13.round_trips == std::vector<std::optional<std::size_t>>{1});
  // The TLS 1.2 certificate crosses in the clear: more readable bytes, and the chain is named.
  CHECK(s12.readable_bytes > s13.readable_bytes);
  CHECK(std::count(s12.exposed.begin(), s12.exposed.end(), "certificate chain (unencrypted)") == 1);
  CHECK(std::count(s13.exposed.begin(), s13.exposed.end(), "certificate chain (unencrypted)") == 0);
  CHECK(std::count(s13.exposed.begin(), s13.exposed.end(), "server name (SNI)") == 1);
  CHECK(std::count(s12.only_here.begin(), s12.only_here.end(), "ServerKeyExchange") == 1);
  CHECK(std::count(s13.only_here.begin(), s13.only_here.end(), "EncryptedExtensions") == 1);
  CHECK(s12.outcome == "handshake complete");
  // Flights: as the flows table numbers them, every compared byte in one.
  for (const SideSummary* summary : {&s12, &s13}) {
    REQUIRE(summary->flights.size() >= 3);
    CHECK(summary->flights.front().flight == 1);
    const std::size_t total = std::accumulate(summary->flights.begin(), summary->flights.end(), std::size_t{0},
                                              [](std::size_t sum, const FlightTotal& f) { return sum + f.bytes; });
    CHECK(total == summary->wire_bytes);
  }
  // The ClientHello's cell starts flight 1 and carries that flight's bytes; it is readable.
  const CompareRow& first = compare.rows().front();
  REQUIRE(first.left);
  CHECK(first.left->flight == 1);
  CHECK(first.left->flight_bytes == s12.flights.front().bytes);
  CHECK(first.left->readable);
  CHECK_THAT(first.left->exposed, Catch::Contains("server name (SNI)"));
  // No mark unless asked for.
  CHECK_FALSE(compare.fork_row());
}

TEST_CASE("a run beside itself differs nowhere; beside an edited copy, the fork is where the edit is") {
  const auto run = seeded_run({});
  const auto rows = align_runs(run->transcript, run->transcript);
  CHECK(std::all_of(rows.begin(), rows.end(), [](const AlignedRow& row) { return row.same; }));
  CHECK_FALSE(first_differing_row(rows, run->transcript, run->transcript));

  // Flip one byte of the Certificate record: the rows are still the same messages, the bytes part there.
  Transcript edited = run->transcript;
  auto certificate = std::find_if(edited.steps.begin(), edited.steps.end(),
                                  [](const Step& step) { return carries(step, HandshakeType::certificate); });
  REQUIRE(certificate != edited.steps.end());
  certificate->bytes.back() ^= 0x01;
  const std::size_t edited_step = static_cast<std::size_t>(certificate - edited.steps.begin());
  const auto edited_run = make_run_data(run->scenario, edited, run->decoded);
  const auto fork = first_differing_row(align_runs(run->transcript, edited), run->transcript, edited);
  REQUIRE(fork);
  Comparison compare({{run, "original"}, {edited_run, "edited"}, true});
  REQUIRE(compare.fork_row() == fork);
  REQUIRE(compare.rows()[*fork].left);
  CHECK(compare.rows()[*fork].left->step == edited_step);
  // The caller may name the step instead (an edit whose bytes the runs share).
  Comparison named({{run, "original"}, {edited_run, "edited"}, true, std::size_t{1}});
  REQUIRE(named.fork_row());
  CHECK(named.rows()[*named.fork_row()].left->step >= 1);
  CHECK(named.rows()[*named.fork_row()].left->step < edited_step);
}

TEST_CASE("one cursor moves both ladders; a row one run lacks follows that run's previous step") {
  const auto tls12 = seeded_run({{"version", "1.2"}});
  const auto tls13 = seeded_run({{"version", "1.3"}});
  Comparison compare({{tls12, "TLS 1.2"}, {tls13, "TLS 1.3"}});
  CHECK(compare.cursor().index() == 0);
  CHECK_FALSE(compare.back());
  CHECK(compare.step_at_or_before(Half::left) == compare.rows()[0].left->step);
  // The first row only TLS 1.3 has: the left ladder stays on its step before it.
  auto only_right = std::find_if(compare.rows().begin(), compare.rows().end(),
                                 [](const CompareRow& row) { return row.right && !row.left; });
  REQUIRE(only_right != compare.rows().end());
  const std::size_t at = static_cast<std::size_t>(only_right - compare.rows().begin());
  compare.jump_to_position(at);
  REQUIRE(compare.step_at_or_before(Half::left));
  CHECK(compare.step_at_or_before(Half::left) == compare.rows()[at - 1].left->step);
  CHECK(compare.step_at_or_before(Half::right) == only_right->right->step);
  CHECK(compare.next());
  CHECK(compare.cursor().index() == at + 1);
  compare.last();
  CHECK_FALSE(compare.next());
  compare.toggle_playback();  // from the last row playback starts again at the first
  CHECK(compare.cursor().index() == 0);
  compare.tick(2.5);
  CHECK(compare.cursor().index() == 2);
  compare.first();
  CHECK(compare.cursor().at_first());
}

TEST_CASE("full against resumed: the resumed run shows its second connection") {
  Scenario full = test::seeded_scenario(7, {});
  Scenario resumed = full;
  std::string error;
  REQUIRE(apply_overrides(resumed, {{"resume", "ticket"}}, error));
  const auto [left_connection, right_connection] = compared_connections(full, resumed);
  CHECK(left_connection == 0);
  CHECK(right_connection == 2);
  CHECK(compared_connections(resumed, full) == std::pair<int, int>(2, 0));
  CHECK(compared_connections(full, full) == std::pair<int, int>(0, 0));
  const auto right_run = run_and_decode(resumed);
  const Comparison compare({{run_and_decode(full), "full handshake", left_connection},
                            {right_run, "resumed (ticket)", right_connection}});
  for (const CompareRow& row : compare.rows())
    if (row.right) CHECK(right_run->transcript.steps[row.right->step].connection == 2);
  const SideSummary& right = compare.summary(Half::right);
  CHECK(right.round_trips == std::vector<std::optional<std::size_t>>{1});
  // The resumed handshake sends no certificate.
  CHECK(std::count(compare.summary(Half::left).only_here.begin(), compare.summary(Half::left).only_here.end(),
                   "Certificate") == 1);
  CHECK(right.wire_bytes < compare.summary(Half::left).wire_bytes);
}

TEST_CASE("with against without a client certificate: the extra messages are on one side only") {
  const Comparison compare({{seeded_run({}), "no client certificate"}, {seeded_run({{"client-cert", "on"}}), "client certificate"}});
  const auto& only = compare.summary(Half::right).only_here;
  CHECK(std::count(only.begin(), only.end(), "CertificateRequest") == 1);
  CHECK(std::count(only.begin(), only.end(), "CertificateVerify (client)") == 1);
  CHECK(std::count(only.begin(), only.end(), "Certificate (client)") == 1);
  CHECK(compare.summary(Half::left).only_here.empty());
  CHECK(compare.summary(Half::left).round_trips == compare.summary(Half::right).round_trips);
}

TEST_CASE("overrides are read as KEY=VALUE, checked, and name the runs") {
  ScenarioOverrides overrides;
  std::string error;
  REQUIRE(parse_overrides("version=1.2  resume=ticket,client-cert=on", overrides, error));
  CHECK(overrides == ScenarioOverrides{{"version", "1.2"}, {"resume", "ticket"}, {"client-cert", "on"}});
  CHECK(overrides_text(overrides) == "version=1.2 resume=ticket client-cert=on");
  REQUIRE(parse_overrides("server-name=", overrides, error));  // an empty value is the key's business
  CHECK(overrides == ScenarioOverrides{{"server-name", ""}});
  CHECK_FALSE(parse_overrides("", overrides, error));
  CHECK_THAT(error, Catch::Contains("nothing to compare"));
  CHECK_FALSE(parse_overrides("   ,  ", overrides, error));
  CHECK_FALSE(parse_overrides("version", overrides, error));
  CHECK_THAT(error, Catch::Contains("'version' is not KEY=VALUE"));
  CHECK_FALSE(parse_overrides("=1.2", overrides, error));
  CHECK_FALSE(parse_overrides("version=1.2 resume", overrides, error));
  CHECK(overrides == ScenarioOverrides{{"server-name", ""}});  // unchanged on failure

  Scenario scenario;
  CHECK_FALSE(apply_overrides(scenario, {{"verzion", "1.2"}}, error));
  CHECK_FALSE(error.empty());
  CHECK_FALSE(apply_overrides(scenario, {{"version", "1.4"}}, error));
  REQUIRE(apply_overrides(scenario, {{"version", "1.2"}}, error));
  CHECK(scenario.version == TlsVersion::tls12);

  Scenario tls13;
  CHECK(compare_label(tls13, {{"version", "1.2"}}) == "TLS 1.3");
  CHECK(compare_label(scenario, {{"version", "1.3"}}) == "TLS 1.2");
  CHECK(compare_label(tls13, {{"resume", "ticket"}, {"client-cert", "on"}}) == "full handshake, no client certificate");
  CHECK(compare_label(tls13, {{"groups", "P-256"}, {"groups", "X448"}}) == "groups=" + scenario_value(tls13, "groups"));
  CHECK_FALSE(scenario_value(tls13, "groups").empty());
}

TEST_CASE("every ready-made comparison changes the scenario and can run") {
  for (const char* version : {"1.2", "1.3"}) {
    Scenario scenario;
    REQUIRE(set_scenario_field(scenario, "version", version).empty());
    const auto presets = compare_presets(scenario);
    CHECK(presets.size() == 3);
    for (const ComparePreset& preset : presets) {
      Scenario right = scenario;
      std::string error;
      INFO(preset.name << ": " << error);
      CHECK(apply_overrides(right, preset.overrides, error));
      CHECK(compare_label(right, preset.overrides) != compare_label(scenario, preset.overrides));
    }
  }
}
