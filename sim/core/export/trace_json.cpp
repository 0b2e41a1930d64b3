#include "core/export/trace_json.hpp"

#include "core/crypto/key_exchange.hpp"
#include "core/crypto/key_schedule.hpp"
#include "core/crypto/record_protection.hpp"
#include "core/export/crypto_json.hpp"
#include "core/engine/outcome.hpp"
#include "core/export/field_json.hpp"
#include "core/export/json_text.hpp"
#include "core/wire/decode.hpp"
#include "core/wire/fields.hpp"
#include "core/wire/names.hpp"

namespace hl {
namespace {

// Every byte, no "… (N bytes)" cut: the JSON trace is for machines.
std::string full_hex(const Bytes& bytes) { return wire::to_hex(bytes, bytes.size()); }

const char* event_name(EventKind kind) {
  static const char* const names[] = {"none",           "state",      "verify",         "secret",  "alert-sent",
                                      "alert-received", "negotiated", "handshake-done", "failure", "note"};
  return names[static_cast<int>(kind)];
}

nlohmann::json part_json(const EventPart& part) {
  nlohmann::json out = {{"event", event_name(part.kind)}, {"title", part.title}, {"detail", part.detail}};
  if (part.kind == EventKind::verify) {
    out["verify"] = {{"depth", part.verify.depth},
                     {"subject", part.verify.subject},
                     {"ok", part.verify.ok},
                     {"error", part.verify.error},
                     {"error_text", part.verify.error_text},
                     {"error_name", part.verify.error_name}};
  }
  if (part.kind == EventKind::secret) out["keylog_line"] = part.keylog_line;
  return out;
}

// An event step: the kind that names its group, its detail and every event inside it.
nlohmann::json event_json(const Step& step) {
  nlohmann::json out = {{"event", event_name(step.event)}, {"detail", step.detail}};
  nlohmann::json parts = nlohmann::json::array();
  for (const auto& part : step.parts) parts.push_back(part_json(part));
  out["parts"] = std::move(parts);
  return out;
}

// The IANA snake-case names of the handshake messages a record carries.
nlohmann::json messages_json(const Step& step) {
  nlohmann::json names = nlohmann::json::array();
  for (HandshakeType type : step.messages) {
    const char* name = wire::handshake_type_name(static_cast<std::uint8_t>(type));
    names.push_back(name ? nlohmann::json(name) : nlohmann::json(static_cast<int>(type)));
  }
  return names;
}

// null on success; else the sentence, the alert on the wire and the certificate check behind it.
nlohmann::json failure_json(const Transcript& transcript) {
  if (transcript.failure.empty()) return nullptr;
  const FailureCause cause = failure_cause(transcript);
  nlohmann::json out = {{"reason", transcript.failure}, {"alert", nullptr}, {"verify", nullptr}};
  if (cause.alert_step != 0)
    out["alert"] = {{"name", cause.alert_name},
                    {"code", cause.alert},
                    {"from", side_name(cause.alert_from)},
                    {"step", cause.alert_step}};
  if (cause.verify_step != 0)
    out["verify"] = {{"error", cause.verify.error},
                     {"name", cause.verify.error_name},
                     {"text", cause.verify.error_text},
                     {"depth", cause.verify.depth},
                     {"step", cause.verify_step}};
  return out;
}

nlohmann::json notes_json(const std::vector<AttackerNote>& notes, const char* text_key) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& note : notes) out.push_back({{"step", note.step}, {text_key, note.text}});
  return out;
}

// Without its field trees when `decoded` is null (append_trace_json() writes them itself).
nlohmann::json step_json(std::size_t index, const Step& step, const wire::DecodedStep* decoded) {
  nlohmann::json out = {{"index", index},
                        {"kind", step_kind_name(step.kind)},
                        {"from", side_name(step.from)},
                        {"to", side_name(step.to)},
                        {"connection", step.connection},
                        {"title", step.title},
                        {"bytes", full_hex(step.bytes)}};
  if (decoded) out["fields"] = fields_to_json(decoded->fields);
  if (step.kind == StepKind::record) {
    out["content_type"] = step.content_type;
    out["messages"] = messages_json(step);
  }
  if (step.kind == StepKind::app_line) out["protocol"] = step.protocol;
  if (step.kind == StepKind::event) out.update(event_json(step));
  if (step.kind == StepKind::record && !step.parts.empty()) out["parts"] = event_json(step)["parts"];
  if (step.is_protected) {
    out["protected"] = true;
    out["plaintext"] = full_hex(step.plaintext);
    out["protection"] = {{"secret", traffic_secret_name(step.protection)}};
    if (decoded) out["inner_fields"] = fields_to_json(decoded->inner_fields);
  }
  return out;
}

// What the sides agreed on (the last connection of the client's own). early_data: what the server
// did with the client's 0-RTT data (accepted, rejected), or none when the client sent none.
// client_certificate: the subject the server received, or null. ocsp_status: what the client
// made of the stapled OCSP response (good, revoked, unknown, expired, invalid), or none.
nlohmann::json client_certificate_json(const Negotiated& n) {
  return n.client_certificate.empty() ? nlohmann::json(nullptr) : nlohmann::json(n.client_certificate);
}

nlohmann::json negotiated_json(const Negotiated& n) {
  return {{"version", n.version}, {"cipher", n.cipher},   {"group", n.group},          {"sigalg", n.sigalg},
          {"alpn", n.alpn},       {"resumed", n.resumed}, {"early_data", n.early_data}, {"client_certificate", client_certificate_json(n)},
          {"ocsp_status", n.ocsp_status}};
}

// The key exchange and schedule of each connection after the first (a resumed run's connection
// 2, a man in the middle's connection 2 between her and the server).
nlohmann::json later_connections_json(const std::vector<crypto::ConnectionCrypto>& connections) {
  nlohmann::json later = nlohmann::json::array();
  for (std::size_t i = 1; i < connections.size(); ++i) {
    const crypto::KeySchedule& schedule = connections[i].schedule;
    nlohmann::json one = {{"connection", schedule.connection},
                          {"key_exchange", key_exchange_json(connections[i].exchange)},
                          {"key_schedule", key_schedule_json(schedule)},
                          {"key_schedule_checks", key_schedule_checks_json(schedule)}};
    if (!schedule.unavailable.empty()) one["key_schedule_unavailable"] = schedule.unavailable;
    later.push_back(std::move(one));
  }
  return later;
}

// Where a capture transcript came from, and that it has no endpoint events.
nlohmann::json capture_json(const CaptureOrigin& origin) {
  return {{"file", origin.file},
          {"stream", origin.stream},
          {"client", origin.client},
          {"server", origin.server},
          {"keys", origin.keys},
          {"events", "none: a capture holds only what crossed the wire, not what each endpoint did"},
          {"warnings", origin.warnings}};
}

// The trace; each step's field trees only when `with_fields`.
nlohmann::json build_trace(const Transcript& transcript, const TraceHeading& heading,
                           const std::vector<wire::DecodedStep>& decoded, bool with_fields) {
  const Negotiated& n = transcript.negotiated;
  nlohmann::json out = {
      {"lesson", transcript.capture ? nlohmann::json(nullptr) : nlohmann::json(heading.lesson)},
      {"seed", heading.seeded ? nlohmann::json(heading.seed) : nlohmann::json(nullptr)},
      {"handshake_complete", transcript.handshake_complete},
      {"failure", failure_json(transcript)},
      {"negotiated", negotiated_json(n)},
      {"keylog", transcript.keylog},
  };
  if (transcript.capture) {
    out["source"] = "capture";
    out["capture"] = capture_json(*transcript.capture);
  }
  const std::vector<crypto::ConnectionCrypto> connections = crypto::connection_crypto(transcript);
  const crypto::KeySchedule& schedule = connections.front().schedule;
  out["key_exchange"] = key_exchange_json(connections.front().exchange);
  out["key_schedule"] = key_schedule_json(schedule);
  out["key_schedule_checks"] = key_schedule_checks_json(schedule);
  if (!schedule.unavailable.empty()) out["key_schedule_unavailable"] = schedule.unavailable;
  if (connections.size() > 1) out["later_connections"] = later_connections_json(connections);
  std::vector<crypto::KeySchedule> schedules;
  for (const auto& connection : connections) schedules.push_back(connection.schedule);
  nlohmann::json steps = nlohmann::json::array();
  for (std::size_t i = 0; i < transcript.steps.size(); ++i)
    steps.push_back(step_json(i + 1, transcript.steps[i], with_fields ? &decoded[i] : nullptr));
  for (const auto& protection : crypto::open_records(transcript, std::span<const crypto::KeySchedule>(schedules)))
    steps[protection.step - 1]["protection"] = protection_json(protection, transcript.steps[protection.step - 1].bytes);
  out["steps"] = std::move(steps);
  if (transcript.attacker.present)
    out["attacker"] = {{"read", notes_json(transcript.attacker.read, "text")},
                       {"changed", notes_json(transcript.attacker.changed, "what")}};
  return out;
}

}  // namespace

nlohmann::json trace_to_json(const Transcript& transcript, const TraceHeading& heading) {
  return build_trace(transcript, heading, wire::decode_transcript(transcript), true);
}

void append_trace_json(std::string& out, const Transcript& transcript, const TraceHeading& heading, int indent, int depth) {
  const auto decoded = wire::decode_transcript(transcript);
  const nlohmann::json trace = build_trace(transcript, heading, decoded, false);
  const auto& steps = trace["steps"].get_ref<const nlohmann::json::array_t&>();
  auto write_step = [&](std::string& text, std::size_t i, int at) {
    const SplicedMember trees[] = {
        {"fields", [&](std::string& t, int d) { append_fields_json(t, decoded[i].fields, indent, d); }},
        {"inner_fields", [&](std::string& t, int d) { append_fields_json(t, decoded[i].inner_fields, indent, d); }}};
    const std::size_t num_trees = transcript.steps[i].is_protected ? 2 : 1;
    append_json_object(text, steps[i], indent, at, std::span(trees, num_trees));
  };
  auto write_steps = [&](std::string& text, int at) { append_json_array(text, steps.size(), indent, at, write_step); };
  const SplicedMember spliced[] = {{"steps", write_steps}};
  append_json_object(out, trace, indent, depth, spliced);
}

}  // namespace hl
