#include "core/export/trace_text.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/engine/outcome.hpp"

namespace hl {
namespace {

// "client ──▶ server" for wire steps; events stay on their own side. With Mallory in the
// middle each wire step names the two parties of its connection, client side on the left.
std::string direction(const Step& step) {
  static const char* const events[] = {"client ·        ", "         · server", "   Mallory ·     "};
  if (step.kind == StepKind::event) return events[static_cast<int>(step.from)];
  if (step.from != Side::attacker && step.to != Side::attacker)
    return step.from == Side::client ? "client ──▶ server" : "client ◀── server";
  static const char* const parties[] = {"client", "server", "Mallory"};
  const bool rightwards = step.from == Side::client || step.to == Side::server;
  const Side left = rightwards ? step.from : step.to;
  const Side right = rightwards ? step.to : step.from;
  return fmt::format("{} {} {}", parties[static_cast<int>(left)], rightwards ? "──▶" : "◀──", parties[static_cast<int>(right)]);
}

std::string size_column(const Step& step) {
  if (step.kind == StepKind::event) return "";
  return fmt::format("{} B", step.bytes.size());
}

std::string step_line(std::size_t index, const Step& step) {
  std::string lock = step.is_protected ? " [encrypted]" : "";
  std::string line = fmt::format("{:>3}  {}  {:>7}  {}{}\n", index, direction(step), size_column(step), step.title, lock);
  if (step.kind != StepKind::event) return line;
  for (std::size_t start = 0; start < step.detail.size();) {
    std::size_t end = std::min(step.detail.find('\n', start), step.detail.size());
    line += fmt::format("{:>34}{}\n", "", step.detail.substr(start, end - start));
    start = end + 1;
  }
  return line;
}

// A run whose connections follow one another (a resumed run) says where each begins; with
// Mallory's two connections interleaved, each line names its two parties instead.
bool connections_in_sequence(const Transcript& transcript) {
  int previous = 1;
  for (const Step& step : transcript.steps) {
    if (step.connection < previous) return false;
    previous = step.connection;
  }
  return previous > 1;
}

std::string connection_heading(int connection, const Negotiated& negotiated, const Step& first) {
  if (connection == 1) return "── connection 1: the first handshake ──\n";
  if (first.from == Side::attacker)
    return fmt::format("── connection {}: Mallory replays what the client sent on an earlier connection ──\n", connection);
  return fmt::format("── connection {}: the client connects again{} ──\n", connection,
                     negotiated.resumed ? " and resumes the session" : "");
}

std::string failure_text(const Transcript& transcript) {
  std::string text = fmt::format("Result: failed: {}\n", transcript.failure);
  const FailureCause cause = failure_cause(transcript);
  if (cause.alert_step != 0)
    text += fmt::format("  alert     {} ({}) sent by the {}, step {}\n", cause.alert_name, cause.alert,
                        side_name(cause.alert_from), cause.alert_step);
  if (cause.verify_step != 0)
    text += fmt::format("  verify    {} {} ({}) at depth {}, step {}\n", cause.verify.error, cause.verify.error_name,
                        cause.verify.error_text, cause.verify.depth, cause.verify_step);
  return text;
}

std::string attacker_text(const AttackerReport& report) {
  if (!report.present) return "";
  std::string text = "\nWhat Mallory, the attacker in the middle, did\n";
  for (const auto& note : report.changed) text += fmt::format("  changed at step {}: {}\n", note.step, note.text);
  for (const auto& note : report.read) text += fmt::format("  read at step {}: {}\n", note.step, note.text);
  if (report.changed.empty()) text += "  changed nothing\n";
  return text;
}

// A capture shows the wire only: say so up front, and say what reading it could not do.
std::string capture_note(const Transcript& transcript) {
  if (!transcript.capture) return "";
  const CaptureOrigin& c = *transcript.capture;
  return fmt::format("From a capture: no endpoint events, only what crossed the wire ({} stream {}: client {}, server {}; {}).\n\n",
                     c.file, c.stream, c.client, c.server, c.keys ? "decrypted with the key log" : "no key log for it");
}

std::string capture_warnings(const Transcript& transcript) {
  if (!transcript.capture || transcript.capture->warnings.empty()) return "";
  std::string text = "\nWhat the capture did not show\n";
  for (const auto& warning : transcript.capture->warnings) text += fmt::format("  {}\n", warning);
  return text;
}

// Which Finished messages a capture does not show: "the client's Finished is not visible".
std::string missing_finished_text(const Transcript& transcript) {
  bool seen[2] = {false, false};
  for (const Step& step : transcript.steps)
    if (step.from != Side::attacker && carries(step, HandshakeType::finished)) seen[static_cast<std::size_t>(step.from)] = true;
  if (seen[0] == seen[1]) return "both Finished messages are not visible";
  return seen[0] ? "the server's Finished is not visible" : "the client's Finished is not visible";
}

std::string negotiated_text(const Transcript& transcript) {
  const Negotiated& n = transcript.negotiated;
  if (!transcript.failure.empty()) return failure_text(transcript);
  if (!transcript.handshake_complete && transcript.capture && !n.version.empty())
    return fmt::format("Result: {} with {}; {} (encrypted without a key, or the capture stops early)\n", n.version,
                       n.cipher, missing_finished_text(transcript));
  if (!transcript.handshake_complete) return "Result: no TLS on this connection: everything crossed the wire in the clear\n";
  std::string text = "Result: handshake complete\n";
  const std::string group = n.group.empty() ? "none (no named group was used)" : n.group;
  text += fmt::format("  version   {}\n  cipher    {}\n  group     {}\n", n.version, n.cipher, group);
  if (!n.sigalg.empty()) text += fmt::format("  signature {}\n", n.sigalg);
  if (!n.alpn.empty()) text += fmt::format("  ALPN      {}\n", n.alpn);
  if (!n.client_certificate.empty()) text += fmt::format("  client    {} (mutual TLS: the server checked it)\n", n.client_certificate);
  if (n.resumed) text += "  resumed   yes: the last connection reused an earlier session (no certificate)\n";
  if (n.early_data == "accepted") text += "  0-RTT     accepted: the server took the request sent as early data\n";
  if (n.early_data == "rejected") text += "  0-RTT     rejected: the server declined the early data; the client sent the request again\n";
  return text;
}

}  // namespace

std::string trace_step_text(std::size_t index, const Step& step) { return step_line(index, step); }

std::string trace_result_text(const Transcript& transcript) {
  return negotiated_text(transcript) + attacker_text(transcript.attacker);
}

std::string trace_to_text(const Transcript& transcript, const std::string& heading) {
  std::string text = heading + "\n\n" + capture_note(transcript);
  const bool headings = connections_in_sequence(transcript);
  for (std::size_t i = 0; i < transcript.steps.size(); ++i) {
    const int connection = transcript.steps[i].connection;
    if (headings && (i == 0 || connection != transcript.steps[i - 1].connection))
      text += connection_heading(connection, transcript.negotiated, transcript.steps[i]);
    text += step_line(i + 1, transcript.steps[i]);
  }
  return text + "\n" + trace_result_text(transcript) + capture_warnings(transcript);
}

}  // namespace hl
