// missing_staple() and refused_staple(): the decoder's fields give the exact byte ranges.
#include "core/audit/staple_evidence.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "core/audit/evidence.hpp"
#include "core/wire/decode.hpp"

namespace hl::audit {
namespace {

// A field of a run's decoded record, with where its offsets point.
struct Spot {
  std::size_t step_index = 0;
  bool in_plaintext = false;  // a decrypted record: offsets index Step::plaintext
  const Field* field = nullptr;
};

const Field* find(const std::vector<Field>& fields, std::string_view name) {
  for (const Field& field : fields) {
    if (field.name == name) return &field;
    if (const Field* inner = find(field.children, name)) return inner;
  }
  return nullptr;
}

// The first record from `role` whose tree (wire bytes, then plaintext) holds a field named `name`.
// The Spot points into `decoded`, which must outlive it.
std::optional<Spot> find_sent(const Transcript& t, const std::vector<wire::DecodedStep>& decoded, Side role,
                              std::string_view name) {
  for (std::size_t i = 0; i < t.steps.size() && i < decoded.size(); ++i) {
    if (t.steps[i].kind != StepKind::record || sender_role(t.steps[i]) != role) continue;
    if (const Field* field = find(decoded[i].fields, name)) return Spot{i, false, field};
    if (const Field* field = find(decoded[i].inner_fields, name)) return Spot{i, true, field};
  }
  return std::nullopt;
}

Evidence spot_evidence(const AuditRun& run, const Spot& spot, const Field& field, std::string text) {
  return range_evidence(run, spot.step_index, spot.in_plaintext, field.offset, field.length, std::move(text));
}

// Which part of a refused staple shows why (the whole response otherwise: invalid).
struct RefusedPart {
  const char* status;
  const char* field;
};
constexpr RefusedPart kRefusedParts[] = {{"revoked", "certStatus"}, {"unknown", "certStatus"}, {"expired", "nextUpdate"}};

const char* refused_part(const std::string& status) {
  for (const RefusedPart& row : kRefusedParts)
    if (status == row.status) return row.field;
  return nullptr;
}

}  // namespace

std::optional<Evidence> missing_staple(const AuditRun& run) {
  const Transcript& t = run.transcript;
  if (t.negotiated.ocsp_status != "none") return std::nullopt;
  const std::vector<wire::DecodedStep> decoded = wire::decode_transcript(t);
  const auto asked = find_sent(t, decoded, Side::client, "Extension: status_request");
  if (!asked || find_sent(t, decoded, Side::server, "ocsp_response") || !find_sent(t, decoded, Side::server, "certificate_list"))
    return std::nullopt;
  const std::string why = ", although the client asked for one with status_request in its ClientHello (step " +
                          std::to_string(asked->step_index + 1) + ")";
  if (const auto entry = find_sent(t, decoded, Side::server, "CertificateEntry")) {  // TLS 1.3
    const Field* extensions = find(entry->field->children, "extensions");
    if (extensions == nullptr) return std::nullopt;
    return spot_evidence(run, *entry, *extensions,
                         "the leaf's CertificateEntry has " + extensions->value + " and no status_request: no staple" + why);
  }
  const auto hello = find_sent(t, decoded, Side::server, "ServerHello");  // TLS 1.2
  const Field* extensions = hello ? find(hello->field->children, "extensions") : nullptr;
  if (extensions == nullptr) return std::nullopt;
  return spot_evidence(run, *hello, *extensions,
                       "the ServerHello's extensions do not acknowledge status_request and no CertificateStatus follows"
                       " the Certificate: no staple" + why);
}

std::optional<Evidence> refused_staple(const AuditRun& run) {
  const Transcript& t = run.transcript;
  const std::string& status = t.negotiated.ocsp_status;
  if (status == "none" || status == "good") return std::nullopt;
  const std::vector<wire::DecodedStep> decoded = wire::decode_transcript(t);
  const auto staple = find_sent(t, decoded, Side::server, "ocsp_response");
  if (!staple) return std::nullopt;
  const char* part_name = refused_part(status);
  const Field* part = part_name ? find(staple->field->children, part_name) : nullptr;
  if (part == nullptr) part = staple->field;
  return spot_evidence(run, *staple, *part,
                       "the stapled OCSP response's " + part->name + " (" + part->value + "): the client found it " +
                           status + " and ended the handshake with bad_certificate_status_response");
}

}  // namespace hl::audit
