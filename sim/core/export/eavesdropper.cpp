// The eavesdropper's view: walks the transcript, keeps only what crossed the wire, and asks
// the per-kind readers (eavesdropper_app.cpp, eavesdropper_tls.cpp) what each step shows.
#include "core/export/eavesdropper.hpp"

#include <algorithm>

#include "core/export/eavesdropper_detail.hpp"
#include "core/export/field_json.hpp"
#include "core/wire/ber.hpp"
#include "core/wire/fields.hpp"
#include "core/model/counts.hpp"
#include "core/model/record_layer.hpp"

namespace hl {
namespace {

// An encrypted record decodes only as far as its header: type, version, length, then noise.
std::vector<Field> header_fields(const SeenStep& seen) {
  std::vector<Field> fields;
  fields.push_back(wire::make_leaf("content_type", std::to_string(seen.content_type), 0, 1, "record.content_type"));
  fields.push_back(wire::make_leaf("legacy_record_version", wire::hex_code(seen.record_version, 2), 1, 2,
                                   "record.legacy_version"));
  fields.push_back(wire::make_leaf("length", std::to_string(seen.record_len), 3, 2, "record.length"));
  std::size_t payload_len = seen.bytes.size() > 5 ? seen.bytes.size() - 5 : 0;
  fields.push_back(wire::make_leaf("encrypted_record", std::to_string(payload_len) + " bytes of ciphertext", 5,
                                   payload_len, "record.encrypted"));
  return fields;
}

std::vector<Field> readable_fields(const Step& step, const wire::DecodedStep* decoded) {
  if (decoded) return decoded->fields;
  if (step.kind == StepKind::record) return wire::decode_records(step.bytes);
  if (step.protocol == "ldap") return wire::decode_ldap_message(step.bytes);
  return {};
}

SeenStep see(const Step& step, std::size_t index, const wire::DecodedStep* decoded) {
  SeenStep seen;
  seen.index = index;
  seen.from = step.from;
  seen.bytes = step.bytes;
  seen.is_record = step.kind == StepKind::record;
  if (seen.is_record) {
    std::vector<Field> fields = step.is_protected ? std::vector<Field>{} : readable_fields(step, decoded);
    eavesdrop::read_record(step, fields, seen);
    seen.fields = seen.encrypted ? header_fields(seen) : std::move(fields);
    return seen;
  }
  // Binary units (LDAP's BER) have no lines: a 0x0a byte is a tag, not a line break.
  bool binary = step.protocol == "ldap";
  seen.text = eavesdrop::printable_text(step.bytes, !binary);
  seen.summary = step.protocol + " in the clear: " + seen.text.substr(0, seen.text.find('\r'));
  eavesdrop::expose_app_unit(step, seen.exposures);
  seen.fields = readable_fields(step, decoded);
  // A BER message reads best by what it is: "LDAPMessage: BindRequest, messageID 2".
  if (step.protocol == "ldap" && !seen.fields.empty())
    seen.summary = "ldap in the clear: " + seen.fields.front().name + " " + seen.fields.front().value;
  return seen;
}

void tally(const SeenStep& seen, EavesdropperView& view) {
  const std::size_t header = seen.is_record ? std::min(seen.bytes.size(), record::kHeaderLen) : 0;
  const std::size_t payload = seen.bytes.size() - header;
  view.header_bytes += header;
  (seen.encrypted ? view.ciphertext_bytes : view.readable_bytes) += payload;
  view.wire_bytes += seen.bytes.size();
  view.cleartext_bytes = view.header_bytes + view.readable_bytes;
  for (const auto& exposure : seen.exposures) {
    if (exposure.what == "server name (SNI)" && view.server_name.empty()) view.server_name = exposure.value;
    if (exposure.what == eavesdrop::kClientCertificateSeen && view.client_identity.empty() &&
        !exposure.value.starts_with("none"))
      view.client_identity = exposure.value;
    if (!exposure.secret) continue;
    view.secrets.push_back(exposure);
    view.secret_steps.push_back(seen.index);
  }
}

EavesdropperView build(const Transcript& transcript, const std::vector<wire::DecodedStep>* decoded) {
  EavesdropperView view;
  for (std::size_t i = 0; i < transcript.steps.size(); ++i) {
    const Step& step = transcript.steps[i];
    if (step.kind == StepKind::event) {
      ++view.num_hidden_events;
      continue;
    }
    const wire::DecodedStep* decoded_step = decoded && i < decoded->size() ? &(*decoded)[i] : nullptr;
    view.steps.push_back(see(step, i, decoded_step));
    tally(view.steps.back(), view);
  }
  view.client_identity_hidden = !transcript.negotiated.client_certificate.empty() && view.client_identity.empty();
  return view;
}

nlohmann::json exposure_json(const Exposure& exposure) {
  return {{"what", exposure.what},     {"value", exposure.value},   {"offset", exposure.offset},
          {"length", exposure.length}, {"secret", exposure.secret}};
}

}  // namespace

EavesdropperView eavesdropper_view(const Transcript& transcript) { return build(transcript, nullptr); }

EavesdropperView eavesdropper_view(const Transcript& transcript, const std::vector<wire::DecodedStep>& decoded) {
  return build(transcript, &decoded);
}

nlohmann::json eavesdropper_to_json(const EavesdropperView& view) {
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& seen : view.steps) {
    nlohmann::json step = {{"index", seen.index},
                           {"from", side_name(seen.from)},
                           {"kind", seen.is_record ? "record" : "app-line"},
                           {"summary", seen.summary},
                           {"bytes", wire::to_hex(seen.bytes, seen.bytes.size())},
                           {"encrypted", seen.encrypted},
                           {"exposures", nlohmann::json::array()},
                           {"fields", fields_to_json(seen.fields, false)}};
    if (!seen.is_record) step["text"] = seen.text;
    if (seen.is_record)
      step["record"] = {{"content_type", seen.content_type}, {"version", seen.record_version}, {"length", seen.record_len}};
    for (const auto& exposure : seen.exposures) step["exposures"].push_back(exposure_json(exposure));
    steps.push_back(std::move(step));
  }
  nlohmann::json secrets = nlohmann::json::array();
  for (std::size_t i = 0; i < view.secrets.size(); ++i)
    secrets.push_back({{"step", view.secret_steps[i]}, {"what", view.secrets[i].what}, {"value", view.secrets[i].value}});
  return {{"steps", std::move(steps)},
          {"hidden_events", view.num_hidden_events},
          {"wire_bytes", view.wire_bytes},
          {"header_bytes", view.header_bytes},
          {"readable_bytes", view.readable_bytes},
          {"ciphertext_bytes", view.ciphertext_bytes},
          {"cleartext_bytes", view.cleartext_bytes},
          {"server_name", view.server_name},
          {"client_identity", view.client_identity.empty() ? nlohmann::json(nullptr) : nlohmann::json(view.client_identity)},
          {"client_identity_hidden", view.client_identity_hidden},
          {"secrets", std::move(secrets)}};
}

std::string eavesdropper_to_text(const EavesdropperView& view) {
  const std::size_t hidden = view.num_hidden_events;
  const std::string events = hidden == 0 ? std::string("no endpoint event crosses it")
                             : hidden == 1 ? std::string("the 1 endpoint event happens inside the endpoints and never crosses it")
                                           : "the " + std::to_string(hidden) + " endpoint events happen inside the endpoints and never cross it";
  std::string out = "What a passive observer on the network sees (" + count_of(view.steps.size(), "step", "steps") +
                    " on the wire; " + events + "):\n";
  for (const auto& seen : view.steps) {
    // Numbered from 1 like the trace's steps.
    out += "  #" + std::to_string(seen.index + 1) + (seen.from == Side::client ? "  client -> server  " : "  server -> client  ");
    // Text units show their lines below; a record or a BER message is its summary.
    bool show_lines = !seen.is_record && seen.text.find('\n') != std::string::npos;
    out += show_lines ? "cleartext, " + std::to_string(seen.bytes.size()) + " bytes:\n" : seen.summary + "\n";
    if (!seen.is_record && !show_lines) out += "        | " + seen.text + "\n";
    std::size_t start = 0;
    while (show_lines && start < seen.text.size()) {
      std::size_t end = seen.text.find('\n', start);
      if (end == std::string::npos) end = seen.text.size();
      std::string line = seen.text.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      out += "        | " + line + "\n";
      start = end + 1;
    }
    for (const auto& exposure : seen.exposures)
      out += std::string("        ") + (exposure.secret ? "!! " : "-> ") + exposure.what + ": " + exposure.value + "\n";
  }
  out += "On the wire: " + byte_count(view.wire_bytes) + " = " + byte_count(view.header_bytes) +
         " of record headers + " + byte_count(view.readable_bytes) + " readable payload + " +
         byte_count(view.ciphertext_bytes) + " of ciphertext.\n";
  if (!view.server_name.empty()) out += "Server name seen in the ClientHello: " + view.server_name + "\n";
  if (!view.client_identity.empty())
    out += "Client identity seen in the clear (TLS 1.2 sends the client's Certificate unencrypted): " + view.client_identity + "\n";
  if (view.client_identity_hidden)
    out += "Client identity: the client sent a certificate, but the observer learns nothing of whose it is: TLS 1.3 "
           "encrypts the client's Certificate (it sees only that some encrypted records went from client to server).\n";
  if (view.secrets.empty()) return out + "No credential crossed the wire in the clear.\n";
  out += "Secrets the observer now has:\n";
  for (const auto& secret : view.secrets) out += "  " + secret.what + ": " + secret.value + "\n";
  return out;
}

}  // namespace hl
