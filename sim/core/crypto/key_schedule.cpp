// compute_key_schedule: finds the connection's hellos and suite, then hands over to the
// TLS 1.3 or TLS 1.2 half; and the ScheduleBuilder both halves share.
#include "core/crypto/key_schedule.hpp"

#include <algorithm>
#include <set>

#include "core/crypto/kdf.hpp"
#include "core/crypto/key_exchange.hpp"
#include "core/crypto/schedule_builder.hpp"
#include "core/wire/fields.hpp"

namespace hl::crypto {
std::string hex(const Bytes& bytes) { return wire::to_hex(bytes, bytes.size()); }

const char* source_name(ValueSource source) {
  static const char* const names[] = {"recomputed", "key log", "transcript", "input", "unavailable"};
  return names[static_cast<int>(source)];
}

const ScheduleValue* KeySchedule::find(std::string_view name) const {
  auto it = std::find_if(values.begin(), values.end(), [&](const ScheduleValue& v) { return v.name == name; });
  return it == values.end() ? nullptr : &*it;
}

const Bytes* KeySchedule::bytes(std::string_view name) const {
  const ScheduleValue* found = find(name);
  return found != nullptr && found->available() ? &found->value : nullptr;
}

bool KeySchedule::all_checks_pass() const {
  return std::all_of(checks.begin(), checks.end(), [](const ScheduleCheck& c) { return c.ok; });
}

namespace {

KeySchedule schedule_of(const Transcript& transcript, int connection, const KeyExchangeSecrets& secrets,
                        const ResumptionInput& resumption) {
  KeySchedule schedule;
  schedule.connection = connection;
  auto messages = handshake_messages(transcript, connection);
  const auto client_hello = find_message(messages, kClientHello, Side::client);
  if (!client_hello) {
    schedule.unavailable = "no ClientHello was sent, so there is no TLS key schedule";
    return schedule;
  }
  // Only the first connection: cut the messages at a second ClientHello that follows a ServerHello.
  const auto server_hello = find_message(messages, kServerHello, Side::server);
  if (server_hello) {
    if (auto again = find_message(messages, kClientHello, Side::client, *server_hello)) messages.resize(*again);
  }
  auto keylog = keylog_entries(transcript, hello_random(messages[*client_hello]), connection);
  if (!server_hello) {
    schedule.unavailable = "the server never answered with a ServerHello, so no keys were agreed";
    return schedule;
  }
  schedule.version = server_hello_version(messages[*server_hello]);
  schedule.suite = suite_crypto(server_hello_suite(messages[*server_hello]));
  if (!schedule.suite) {
    schedule.unavailable = "the lab cannot recompute keys for this cipher suite";
    return schedule;
  }
  ScheduleBuilder builder(schedule, std::move(messages), std::move(keylog));
  if (schedule.version == 0x0304) build_tls13_schedule(builder, *schedule.suite, secrets.shared_secret, resumption);
  if (schedule.version == 0x0303) build_tls12_schedule(builder, *schedule.suite, secrets.pre_master_secret);
  if (schedule.version != 0x0304 && schedule.version != 0x0303)
    schedule.unavailable = "the lab recomputes TLS 1.2 and TLS 1.3 schedules only";
  return schedule;
}

}  // namespace

KeySchedule compute_key_schedule(const Transcript& transcript, const KeyExchangeSecrets& secrets) {
  return schedule_of(transcript, 1, secrets, {});
}

KeySchedule compute_later_schedule(const Transcript& transcript, int connection, const KeySchedule& first,
                                   const KeyExchangeSecrets& secrets) {
  const ResumptionInput resumption = resumption_input(transcript, connection, first);
  return schedule_of(transcript, connection, secrets, resumption);
}

std::vector<int> later_connections(const Transcript& transcript) {
  std::set<int> later;
  for (const Step& step : transcript.steps)
    if (step.connection > 1 && step.kind == StepKind::record) later.insert(step.connection);
  return {later.begin(), later.end()};
}

std::vector<KeySchedule> connection_schedules(const Transcript& transcript, const KeyExchangeSecrets& secrets) {
  std::vector<KeySchedule> schedules = {compute_key_schedule(transcript, secrets)};
  for (int connection : later_connections(transcript))
    schedules.push_back(compute_later_schedule(transcript, connection, schedules.front(),
                                               key_exchange(transcript, connection).secrets()));
  return schedules;
}

KeySchedule compute_key_schedule(const Transcript& transcript) {
  return compute_key_schedule(transcript, key_exchange(transcript).secrets());
}

// ---- ScheduleBuilder ----------------------------------------------------------------------

ScheduleValue& ScheduleBuilder::add(ScheduleValue value, ValueSource source) {
  value.source = source;
  out_.values.push_back(std::move(value));
  return out_.values.back();
}

const Bytes& ScheduleBuilder::recomputed(ScheduleValue value) {
  if (value.value.empty()) {
    unavailable(std::move(value), "OpenSSL refused the derivation");
    return out_.values.back().value;
  }
  return add(std::move(value), ValueSource::recomputed).value;
}

void ScheduleBuilder::unavailable(ScheduleValue value, std::string reason) {
  value.value.clear();
  add(std::move(value), ValueSource::unavailable).unavailable = std::move(reason);
}

const Bytes* ScheduleBuilder::from_keylog(ScheduleValue value, const std::string& keylog_label,
                                          const std::string& reason) {
  auto line = std::find_if(keylog_.begin(), keylog_.end(), [&](const KeyLogEntry& e) { return e.label == keylog_label; });
  if (line == keylog_.end()) {
    unavailable(std::move(value), reason);
    return nullptr;
  }
  value.value = line->secret;
  value.note += std::string(value.note.empty() ? "" : " ") + "Taken from the key log line " + keylog_label + (line->side ? std::string(" the ") + side_name(*line->side) + " wrote" : "") +
               ": " + reason + ".";
  return &add(std::move(value), ValueSource::key_log).value;
}

void ScheduleBuilder::from_keylog_value(ScheduleValue value) { add(std::move(value), ValueSource::key_log); }

void ScheduleBuilder::from_transcript(ScheduleValue value) { add(std::move(value), ValueSource::transcript); }

void ScheduleBuilder::from_input(ScheduleValue value) { add(std::move(value), ValueSource::input); }

void ScheduleBuilder::check_keylog(const std::string& name, const std::string& keylog_label) {
  const Bytes* ours = value(name);
  if (ours == nullptr) return;
  const bool from_log = out_.find(name)->source == ValueSource::key_log;
  for (const auto& line : keylog_) {
    if (line.label != keylog_label) continue;
    const std::string who = line.side ? side_name(*line.side) : "key log";
    ScheduleCheck check;
    check.what = name + " = " + keylog_label + " (" + who + ")";
    check.ok = line.secret == *ours;
    check.detail = check.ok ? (from_log ? "The " + who + "'s line holds the value the lab took from the key log: both sides agree."
                                        : "The lab's recomputation equals the secret the " + who + " logged.")
                            : "MISMATCH: the " + who + " logged " + hex(line.secret) + " but the lab has " + hex(*ours) + ".";
    out_.checks.push_back(std::move(check));
  }
}

void ScheduleBuilder::check_finished(std::size_t index, const std::string& who, const Bytes& expected) {
  const Bytes& message = messages_[index].bytes;
  const Bytes body(message.begin() + std::min<std::size_t>(4, message.size()), message.end());
  ScheduleCheck check;
  check.what = who + " Finished (step " + std::to_string(messages_[index].step) + ")";
  check.ok = !expected.empty() && body == expected;
  check.detail = check.ok ? "The verify_data in the " + who + "'s Finished equals the lab's recomputation."
                          : "MISMATCH: the " + who + "'s Finished carries " + hex(body) + " but the lab computes " +
                                hex(expected) + ".";
  out_.checks.push_back(std::move(check));
}

std::vector<std::size_t> ScheduleBuilder::steps_up_to(std::size_t last) const {
  std::set<std::size_t> steps;
  for (std::size_t i = 0; i <= last && i < messages_.size(); ++i) steps.insert(messages_[i].step);
  return {steps.begin(), steps.end()};
}

const std::vector<Bytes>& ScheduleBuilder::message_prefix_hashes(const std::string& digest, bool hrr_substitution) const {
  for (const PrefixHashes& cached : prefix_hashes_)
    if (cached.digest == digest && cached.hrr_substitution == hrr_substitution) return cached.hashes;
  // RFC 8446 §4.4.1: ClientHello1 is replaced by message_hash(254) || 00 00 Hash.length || Hash(ClientHello1).
  Bytes message_hash;
  std::vector<ByteView> parts;
  for (const HandshakeMessage& message : messages_) parts.emplace_back(message.bytes);
  if (hrr_substitution && first_hello_retried()) {
    const Bytes first_hash = hash(digest, messages_[0].bytes);
    message_hash = {kMessageHash, 0, 0, static_cast<std::uint8_t>(first_hash.size())};
    message_hash.insert(message_hash.end(), first_hash.begin(), first_hash.end());
    parts[0] = message_hash;
  }
  prefix_hashes_.push_back({digest, hrr_substitution, prefix_hashes(digest, parts)});
  return prefix_hashes_.back().hashes;
}

TranscriptHash ScheduleBuilder::transcript_hash(const std::string& digest, std::optional<std::size_t> last,
                                                bool hrr_substitution) const {
  const std::size_t end = last ? std::min(*last + 1, messages_.size()) : messages_.size();
  TranscriptHash out;
  if (end == 0) {
    out.hash = hash(digest, {});
    return out;
  }
  const std::vector<Bytes>& prefixes = message_prefix_hashes(digest, hrr_substitution);
  if (prefixes.size() == messages_.size()) out.hash = prefixes[end - 1];
  if (hrr_substitution && first_hello_retried())
    out.note = "After the HelloRetryRequest, the first ClientHello enters the transcript as a message_hash "
               "message holding its hash (RFC 8446 §4.4.1).";
  out.steps = steps_up_to(end - 1);
  return out;
}

}  // namespace hl::crypto
