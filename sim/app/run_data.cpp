#include "app/run_data.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iterator>
#include <utility>

#include "core/model/flows.hpp"
#include "core/model/record_layer.hpp"

namespace hl::app {
namespace {

// "\r\n" inside a value would break a tree row in two: show control bytes as C escapes.
void escape_controls(std::string& text) {
  static constexpr char kHex[] = "0123456789abcdef";
  static constexpr std::pair<char, const char*> kNamed[] = {{'\r', "\\r"}, {'\n', "\\n"}, {'\t', "\\t"}};
  if (std::none_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; })) return;
  std::string escaped;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20) {
      escaped += c;
      continue;
    }
    auto named = std::find_if(std::begin(kNamed), std::end(kNamed), [c](const auto& row) { return row.first == c; });
    if (named != std::end(kNamed)) {
      escaped += named->second;
      continue;
    }
    escaped += std::string("\\x") + kHex[byte >> 4] + kHex[byte & 15];
  }
  text = std::move(escaped);
}

void escape_values(std::vector<Field>& fields) {
  for (auto& field : fields) {
    escape_controls(field.value);
    escape_values(field.children);
  }
}

// Flight labels from the handshake flows table. A flight begins right after the previous
// flight's last record, so the events that lead up to a flight's first message sit in it.
void mark_flights(const Transcript& transcript, int connection, std::vector<StepDisplay>& display) {
  const flows::Match match = flows::pick(transcript, connection);
  if (!match.flow) return;
  const std::vector<flows::Message> messages = flows::messages_of(transcript, connection);
  std::uint8_t flight = 0;
  std::size_t after_previous = 0;  // the step after the current flight's latest message
  for (std::size_t i = 0; i < match.rows.size(); ++i) {
    const std::uint8_t next = flows::flight_of(match, i);
    if (next != flight) {
      StepDisplay& first = display[flight == 0 ? messages[i].step : after_previous];
      first.flight_number = next;
      first.flight = "flight " + std::to_string(next) + ": " + match.flow->flights[next - 1];
      flight = next;
    }
    after_previous = messages[i].step + 1;
  }
  if (match.unexpected) display[messages[*match.unexpected].step].unexpected = true;
}

// A run whose connections follow one another (resumption) says where each begins; Mallory's
// two connections interleave and her lifeline separates them instead.
void mark_connections(const Transcript& transcript, std::vector<StepDisplay>& display) {
  if (transcript.attacker.present || flows::connections_of(transcript).size() < 2) return;
  int previous = 0;
  for (std::size_t i = 0; i < transcript.steps.size() && i < display.size(); ++i) {
    const int connection = transcript.steps[i].connection;
    if (connection == previous) continue;
    previous = connection;
    if (connection == 1) continue;  // the run starts with it: only later connections need a divider
    display[i].connection_start = "connection " + std::to_string(connection) +
                                  (transcript.negotiated.resumed ? ": resumed" : ": a new handshake");
  }
}

}  // namespace

std::string size_label(std::size_t num_bytes) {
  char text[32];
  if (num_bytes < 10000) {
    std::snprintf(text, sizeof text, "%zu B", num_bytes);
  } else {
    std::snprintf(text, sizeof text, "%.1f KiB", static_cast<double>(num_bytes) / 1024.0);
  }
  return text;
}

namespace {

// One record shows three sizes (the ladder's, the header's length, the message's): name the ladder's.
std::string size_tip(const Step& step) {
  const std::string wire = std::to_string(step.bytes.size()) + " B";
  if (step.kind == StepKind::app_line) return wire + ": this application-protocol unit on the wire, in the clear";
  if (step.kind != StepKind::record || step.bytes.size() < record::kHeaderLen) return {};
  return wire + ": the record on the wire (5-byte record header + " +
         std::to_string(step.bytes.size() - record::kHeaderLen) +
         "-byte fragment, the header's length field). A handshake message inside has its own, smaller length.";
}

}  // namespace

std::shared_ptr<RunData> make_run_data(Scenario scenario, Transcript transcript,
                                       std::vector<wire::DecodedStep> decoded) {
  auto run = std::make_shared<RunData>();
  run->scenario = std::move(scenario);
  run->transcript = std::move(transcript);
  run->decoded = std::move(decoded);
  const auto& steps = run->transcript.steps;
  run->display.resize(steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const Step& step = steps[i];
    StepDisplay& display = run->display[i];
    display.title = step.title.empty() ? step_kind_name(step.kind) : step.title;
    if (step.kind != StepKind::event) display.size_text = size_label(step.bytes.size());
    display.size_tip = size_tip(step);
    // Application lines cross in clear text: say which protocol, so they never pass for TLS records.
    if (step.kind == StepKind::app_line && !step.protocol.empty()) {
      std::string protocol = step.protocol;
      for (char& c : protocol) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      display.size_text = protocol + ", " + display.size_text;
    }
    if (i >= run->decoded.size()) continue;
    escape_values(run->decoded[i].fields);
    escape_values(run->decoded[i].inner_fields);
    display.wire_colours = leaf_colours(run->decoded[i].fields, kNumFieldColours);
    display.plain_colours = leaf_colours(run->decoded[i].inner_fields, kNumFieldColours);
  }
  for (int connection : flows::connections_of(run->transcript)) mark_flights(run->transcript, connection, run->display);
  mark_connections(run->transcript, run->display);
  run->crypto = std::make_shared<const RunCrypto>(compute_run_crypto(run->transcript));
  return run;
}

}  // namespace hl::app
