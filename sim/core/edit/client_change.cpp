// The client's side of "what if?": what the edited ClientHello offers, compared with what
// the original offered, becomes the client's settings. Only the parts the client's
// configuration decides count; anything else is a wire edit.
#include "core/edit/client_change.hpp"

#include <algorithm>
#include <optional>

#include "core/edit/field_edit.hpp"
#include "core/edit/field_path.hpp"
#include "core/wire/decode.hpp"
#include "core/wire/fields.hpp"
#include "core/wire/names.hpp"

namespace hl::edit {
namespace {

constexpr std::uint32_t kRenegotiationScsv = 0x00ff;  // RFC 5746: OpenSSL adds it itself to a TLS 1.2 offer
constexpr std::uint32_t kTls12 = 0x0303;

using Codes = std::vector<std::uint32_t>;

// What a ClientHello offers, in the parts a client's configuration decides.
struct HelloOffer {
  Codes suites;
  std::optional<Codes> groups;    // supported_groups; none: no extension
  std::optional<Codes> shares;    // key_share's groups; none: no extension
  std::optional<std::string> sni;  // server_name's host_name
  std::optional<std::vector<std::string>> alpn;
  std::optional<Codes> versions;  // supported_versions
  std::optional<Codes> sigalgs;   // signature_algorithms
  Bytes rest;                     // everything else: the bytes with the parts above cut out
};

std::uint32_t code_of(std::span<const std::uint8_t> bytes, const Field& field) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < field.length && field.offset + i < bytes.size(); ++i) value = value << 8 | bytes[field.offset + i];
  return value;
}

const Field* find(const std::vector<Field>& fields, const std::string& path) {
  FieldRef ref;
  std::string error;
  return resolve_path(fields, path, ref, error) ? &ref.field() : nullptr;
}

// The codes of a list's elements; the elements' own children for entries (KeyShareEntry's group).
std::optional<Codes> codes(std::span<const std::uint8_t> bytes, const std::vector<Field>& fields, const std::string& path,
                           const char* child = nullptr) {
  const Field* list = find(fields, path);
  if (list == nullptr) return std::nullopt;
  Codes out;
  for (const Field* element : elements(*list)) {
    const Field* leaf = element;
    if (child) {
      const auto at = std::find_if(element->children.begin(), element->children.end(), [&](const Field& f) { return f.name == child; });
      if (at == element->children.end()) continue;
      leaf = &*at;
    }
    if (leaf->children.empty() && leaf->length <= 4) out.push_back(code_of(bytes, *leaf));
  }
  return out;
}

std::string text_at(std::span<const std::uint8_t> bytes, const Field& field) {
  if (field.offset + field.length > bytes.size()) return {};
  return std::string(bytes.begin() + static_cast<std::ptrdiff_t>(field.offset),
                     bytes.begin() + static_cast<std::ptrdiff_t>(field.offset + field.length));
}

HelloOffer offer_of(std::span<const std::uint8_t> bytes) {
  const std::vector<Field> fields = wire::decode_records(bytes);
  HelloOffer offer;
  offer.suites = codes(bytes, fields, "cipher_suites").value_or(Codes{});
  std::erase(offer.suites, kRenegotiationScsv);
  offer.groups = codes(bytes, fields, "extensions.supported_groups.named_group_list");
  offer.shares = codes(bytes, fields, "extensions.key_share.client_shares", "group");
  offer.versions = codes(bytes, fields, "extensions.supported_versions.versions");
  offer.sigalgs = codes(bytes, fields, "extensions.signature_algorithms.supported_signature_algorithms");
  if (const Field* name = find(fields, "extensions.server_name.server_name_list[0].host_name.name")) offer.sni = text_at(bytes, *name);
  else if (find(fields, "extensions.server_name")) offer.sni = "";
  if (const Field* list = find(fields, "extensions.application_layer_protocol_negotiation.protocol_name_list")) {
    offer.alpn.emplace();
    for (const Field* entry : elements(*list))
      if (entry->children.size() > 1) offer.alpn->push_back(text_at(bytes, entry->children.back()));
  }
  // The rest: every byte outside the decided parts (and outside the lengths that follow them).
  std::vector<bool> decided(bytes.size(), false);
  auto mark = [&](const char* path) {
    if (const Field* f = find(fields, path))
      for (std::size_t i = f->offset; i < f->offset + f->length && i < decided.size(); ++i) decided[i] = true;
  };
  for (const char* path : {"cipher_suites", "extensions.supported_groups", "extensions.key_share", "extensions.server_name",
                           "extensions.application_layer_protocol_negotiation", "extensions.supported_versions",
                           "extensions.signature_algorithms", "length", "ClientHello.length", "extensions.length"})
    mark(path);
  for (std::size_t i = 0; i < bytes.size(); ++i)
    if (!decided[i]) offer.rest.push_back(bytes[i]);
  return offer;
}

bool names_of(const Codes& list, const char* (*namer)(std::uint32_t), const char* what, std::string& out, std::string& out_error) {
  out.clear();
  for (std::uint32_t code : list) {
    const char* name = namer(code);
    if (name == nullptr || std::string_view(name) == "GREASE")
      return out_error = std::string("OpenSSL's client cannot be told to offer the ") + what + " " + wire::hex_code(code, 2), false;
    out += (out.empty() ? "" : ":") + std::string(name);
  }
  return true;
}

const char* version_setting(std::uint32_t code) {
  struct Row { std::uint32_t code; const char* text; };
  static const Row rows[] = {{0x0301, "1.0"}, {0x0302, "1.1"}, {0x0303, "1.2"}, {0x0304, "1.3"}};
  for (const Row& row : rows)
    if (row.code == code) return row.text;
  return nullptr;
}

// Groups: OpenSSL 3.0's client sends one key share, for the first group of its list.
bool map_groups(const HelloOffer& edited, ClientChange& out, std::string& out_error) {
  const Codes shares = edited.shares.value_or(Codes{});
  if (shares.size() != 1)
    return out_error = "OpenSSL 3.0's client sends exactly one key share, for the first of its groups; " +
                       std::to_string(shares.size()) + " shares can only be sent on the wire (Mallory's edit, --edit)", false;
  Codes groups = edited.groups.value_or(Codes{});
  const std::uint32_t share = shares.front();
  if (!groups.empty() && groups.front() != share)
    out.notes.push_back("OpenSSL's client puts its key share on the first group of its list, so " +
                        std::string(wire::named_group_name(share) ? wire::named_group_name(share) : "that group") +
                        " moves to the front of supported_groups");
  std::erase(groups, share);
  groups.insert(groups.begin(), share);
  std::string list;
  if (!names_of(groups, wire::named_group_name, "group", list, out_error)) return false;
  out.settings.emplace_back("groups", list);
  return true;
}

bool map_versions(const Scenario& scenario, const HelloOffer& edited, ClientChange& out, std::string& out_error) {
  Codes versions = edited.versions.value_or(Codes{});
  std::erase_if(versions, [](std::uint32_t code) { return version_setting(code) == nullptr; });
  if (!edited.versions) {  // no supported_versions: legacy_version caps the offer at TLS 1.2
    // OpenSSL numbers versions as the wire does (TLS1_2_VERSION == 0x0303).
    const auto low = std::min(static_cast<std::uint32_t>(client_range(scenario).min), kTls12);
    versions = {low, kTls12};
    out.notes.push_back("without supported_versions a client offers TLS 1.2 at most (RFC 8446 §4.2.1)");
  }
  if (versions.empty()) return out_error = "the client must offer at least one version OpenSSL knows (TLS 1.0 to 1.3)", false;
  std::sort(versions.begin(), versions.end());
  versions.erase(std::unique(versions.begin(), versions.end()), versions.end());
  const std::uint32_t low = versions.front(), high = versions.back();
  if (versions.size() != high - low + 1) out.notes.push_back("OpenSSL's client offers a range of versions, so the gaps in the list are filled");
  const std::string range = low == high ? version_setting(low) : std::string(version_setting(low)) + "-" + version_setting(high);
  out.settings.emplace_back("client-versions", range);
  return true;
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : separator) + part;
  return out;
}

bool map_offer(const Scenario& scenario, const HelloOffer& before, const HelloOffer& after, ClientChange& out, std::string& out_error) {
  std::string list;
  if (after.suites != before.suites) {
    if (after.suites.empty()) return out_error = "a client must offer at least one cipher suite", false;
    if (!names_of(after.suites, wire::cipher_suite_name, "cipher suite", list, out_error)) return false;
    out.settings.emplace_back("client-ciphers", list);
  }
  if ((after.groups != before.groups || after.shares != before.shares) && !map_groups(after, out, out_error)) return false;
  if (after.sni != before.sni) {
    out.settings.emplace_back("server-name", after.sni.value_or(""));
    // A client asks for a name because it wants that site: it checks the certificate against it.
    if (!after.sni.value_or("").empty()) {
      out.settings.emplace_back("verify-name", *after.sni);
      out.notes.push_back("the client now wants " + *after.sni + ", so it also checks the certificate against that name");
    }
  }
  if (after.alpn != before.alpn) {
    if (after.alpn && after.alpn->empty()) return out_error = "an ALPN extension with no protocol is only possible on the wire", false;
    out.settings.emplace_back("alpn", join(after.alpn.value_or(std::vector<std::string>{}), ","));
  }
  if (after.versions != before.versions && !map_versions(scenario, after, out, out_error)) return false;
  if (after.sigalgs != before.sigalgs) {
    if (!after.sigalgs || after.sigalgs->empty())
      return out_error = "OpenSSL's client always sends signature_algorithms; without it only on the wire (Mallory's edit, --edit)", false;
    if (!names_of(*after.sigalgs, wire::signature_scheme_name, "signature scheme", list, out_error)) return false;
    out.settings.emplace_back("client-sigalgs", list);
  }
  return true;
}

std::string client_hello_steps(const Transcript& run) {
  std::string text;
  for (std::size_t i = 1; i <= run.steps.size(); ++i)
    if (is_client_hello(run, i)) text += (text.empty() ? "" : ", ") + std::to_string(i);
  return text.empty() ? "none" : text;
}

}  // namespace

bool is_client_hello(const Transcript& run, std::size_t step) {
  if (step == 0 || step > run.steps.size()) return false;
  const Step& at = run.steps[step - 1];
  return at.kind == StepKind::record && !at.is_protected && !at.by_attacker && at.from == Side::client &&
         carries(at, HandshakeType::client_hello);
}

bool client_change(const Scenario& scenario, const Transcript& run, std::span<const EditSpec> edits, ClientChange& out_change,
                   std::string& out_error) {
  if (edits.empty()) return out_error = "no client edit given", false;
  const std::size_t step = edits.front().step;
  if (!is_client_hello(run, step))
    return out_error = edit_spec_text(edits.front()) + ": step " + std::to_string(step) +
                       " is not the client's ClientHello; the client changes what it offers there (ClientHello steps: " +
                       client_hello_steps(run) + ")", false;
  const Bytes& original = run.steps[step - 1].bytes;
  Bytes bytes = original;
  for (const EditSpec& spec : edits) {
    if (spec.step != step) return out_error = edit_spec_text(spec) + ": client edits all name one ClientHello (step " + std::to_string(step) + ")", false;
    if (spec.offset) return out_error = edit_spec_text(spec) + ": the client changes fields, not raw bytes; name a field", false;
    AppliedEdit applied;
    if (!apply_edit(bytes, wire::decode_records(bytes), spec, applied, out_error))
      return out_error = edit_spec_text(spec) + ": " + out_error, false;
    bytes = std::move(applied.bytes);
  }
  const HelloOffer before = offer_of(original);
  const HelloOffer after = offer_of(bytes);
  ClientChange change;
  change.step = step;
  if (!map_offer(scenario, before, after, change, out_error)) return false;
  if (after.rest != before.rest || (change.settings.empty() && bytes != original))
    return out_error = "the edit changes what the client's configuration does not decide (only offered suites, "
                       "groups and key shares, server_name, ALPN, versions and signature algorithms do); send it on the wire "
                       "as Mallory's edit (--edit) instead", false;
  out_change = std::move(change);
  return true;
}

bool apply_client_change(const ClientChange& change, Scenario& in_out_scenario, std::string& out_error) {
  Scenario scenario = in_out_scenario;
  for (const auto& [key, value] : change.settings)
    if (std::string error = set_scenario_field(scenario, key, value); !error.empty()) return out_error = error, false;
  in_out_scenario = std::move(scenario);
  return true;
}

std::string settings_text(const ClientChange& change) {
  std::string text;
  for (const auto& [key, value] : change.settings) text += (text.empty() ? "" : " ") + std::string("--set ") + key + "=" + value;
  return text.empty() ? "(no setting changes)" : text;
}

}  // namespace hl::edit
