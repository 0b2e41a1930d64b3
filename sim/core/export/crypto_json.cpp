#include "core/export/crypto_json.hpp"

#include "core/wire/fields.hpp"

namespace hl {
namespace {

std::string full_hex(std::span<const std::uint8_t> bytes) { return wire::to_hex(bytes, bytes.size()); }

nlohmann::json range_json(crypto::ByteRange range) { return nlohmann::json::array({range.offset, range.len}); }

std::span<const std::uint8_t> slice(const Bytes& bytes, crypto::ByteRange range) {
  if (range.offset > bytes.size() || range.len > bytes.size() - range.offset) return {};
  return std::span(bytes).subspan(range.offset, range.len);
}

nlohmann::json checks_json(const std::vector<crypto::ScheduleCheck>& checks) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& check : checks) out.push_back({{"what", check.what}, {"ok", check.ok}, {"detail", check.detail}});
  return out;
}

}  // namespace

nlohmann::json key_schedule_json(const crypto::KeySchedule& schedule) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : schedule.values) {
    nlohmann::json entry = {{"name", v.name},
                            {"value", v.available() ? nlohmann::json(full_hex(v.value)) : nlohmann::json(nullptr)},
                            {"inputs", v.inputs},
                            {"label", v.label},
                            {"transcript_steps", v.transcript_steps},
                            {"source", crypto::source_name(v.source)}};
    if (!v.available()) entry["value_unavailable"] = v.unavailable;
    if (!v.note.empty()) entry["note"] = v.note;
    out.push_back(std::move(entry));
  }
  return out;
}

nlohmann::json key_exchange_json(const crypto::KeyExchange& exchange) {
  nlohmann::json out = {{"kind", exchange.kind}, {"group", exchange.group}};
  for (const auto& v : exchange.values) {
    out[v.name] = v.value.empty() ? nlohmann::json(nullptr) : nlohmann::json(full_hex(v.value));
    if (v.value.empty()) out[v.name + "_unavailable"] = v.unavailable;
    if (v.step != 0) out[v.name + "_step"] = v.step;
    if (v.length != 0) out[v.name + "_range"] = range_json({v.offset, v.length});
  }
  out["checks"] = checks_json(exchange.checks);
  return out;
}

nlohmann::json key_schedule_checks_json(const crypto::KeySchedule& schedule) { return checks_json(schedule.checks); }

nlohmann::json protection_json(const crypto::RecordProtection& p, const Bytes& record) {
  nlohmann::json out = {{"secret", p.secret},
                        {"seq", p.seq},
                        {"key", full_hex(p.key)},
                        {"iv", full_hex(p.iv)},
                        {"nonce", full_hex(p.nonce)},
                        {"nonce_note", p.nonce_note},
                        {"aad", full_hex(p.aad)},
                        {"ciphertext", full_hex(slice(record, p.ciphertext))},
                        {"tag", full_hex(slice(record, p.tag))},
                        {"opened", p.opened},
                        {"matches_plaintext", p.matches_plaintext},
                        {"ranges",
                         {{"header", range_json(p.header)},
                          {"explicit_nonce", range_json(p.explicit_nonce)},
                          {"ciphertext", range_json(p.ciphertext)},
                          {"tag", range_json(p.tag)}}}};
  if (!p.problem.empty()) out["problem"] = p.problem;
  if (p.opened) {
    out["content_type"] = p.content_type;
    out["padding_len"] = p.padding.len;
  }
  if (p.cbc) {
    out["cbc"] = {{"encrypt_then_mac", p.encrypt_then_mac},
                  {"mac_key", full_hex(p.mac_key)},
                  {"mac", p.encrypt_then_mac ? full_hex(slice(record, p.mac)) : full_hex(slice(p.decrypted, p.inner_mac))},
                  {"padding", full_hex(slice(p.decrypted, p.padding))}};
    out["ranges"]["mac"] = range_json(p.mac);
  }
  return out;
}

}  // namespace hl
