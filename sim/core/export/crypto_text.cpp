#include "core/export/crypto_text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/wire/fields.hpp"

namespace hl {
namespace {

std::string full_hex(const Bytes& bytes) { return wire::to_hex(bytes, bytes.size()); }

std::string steps_text(const std::vector<std::size_t>& steps) {
  if (steps.empty()) return "";
  return fmt::format(" over steps {}-{}", steps.front(), steps.back());
}

std::string value_lines(const crypto::ScheduleValue& v) {
  std::string derivation = v.inputs.empty() ? "" : " <- " + fmt::format("{}", fmt::join(v.inputs, ", "));
  if (!v.label.empty()) derivation += " \"" + v.label + "\"";
  derivation += steps_text(v.transcript_steps);
  std::string text = fmt::format("  {:<45} [{}]{}\n", v.name, crypto::source_name(v.source), derivation);
  text += v.available() ? fmt::format("  {:<45} {}\n", "", full_hex(v.value))
                        : fmt::format("  {:<45} unavailable: {}\n", "", v.unavailable);
  if (!v.note.empty()) text += fmt::format("  {:<45} ({})\n", "", v.note);
  return text;
}

std::string exchange_value_lines(const crypto::KeyExchangeValue& v) {
  std::string where = v.step == 0 ? "" : fmt::format(" step {}", v.step);
  if (v.length != 0) where += fmt::format(" bytes {}-{}", v.offset, v.offset + v.length - 1);
  std::string text = fmt::format("  {:<45}{}\n", v.name, where);
  text += v.value.empty() ? fmt::format("  {:<45} unavailable: {}\n", "", v.unavailable)
                          : fmt::format("  {:<45} {}\n", "", full_hex(v.value));
  if (!v.note.empty()) text += fmt::format("  {:<45} ({})\n", "", v.note);
  return text;
}

std::string checks_text(const std::vector<crypto::ScheduleCheck>& checks) {
  std::string text;
  for (const auto& check : checks) text += fmt::format("  [{}] {}: {}\n", check.ok ? "ok" : "FAIL", check.what, check.detail);
  return text;
}

std::string record_line(const crypto::RecordProtection& r) {
  const std::string state = r.opened && r.matches_plaintext ? "opens to the reported plaintext" : "PROBLEM: " + r.problem;
  return fmt::format("  step {:>3}  {} seq {}  nonce {}  {}\n", r.step, r.secret, r.seq, full_hex(r.nonce), state);
}

}  // namespace

std::string key_schedule_to_text(const crypto::KeySchedule& schedule, const std::vector<crypto::RecordProtection>& records) {
  if (!schedule.unavailable.empty()) return "Key schedule: unavailable: " + schedule.unavailable + "\n";
  std::string text = fmt::format("Key schedule ({}, recomputed by the lab)\n", schedule.suite ? schedule.suite->name : "?");
  for (const auto& v : schedule.values) text += value_lines(v);
  text += "\nChecks\n" + checks_text(schedule.checks);
  text += "\nProtected records\n";
  for (const auto& r : records) text += record_line(r);
  return text;
}

std::string key_exchange_to_text(const crypto::KeyExchange& exchange) {
  if (exchange.kind.empty()) return "Key exchange: none (no ServerHello)\n";
  std::string text = "Key exchange (" + exchange.kind + (exchange.group.empty() ? "" : ", " + exchange.group) +
                     ", recomputed by the lab)\n";
  for (const auto& v : exchange.values) text += exchange_value_lines(v);
  if (!exchange.checks.empty()) text += "\nKey exchange checks\n" + checks_text(exchange.checks);
  return text;
}

}  // namespace hl
