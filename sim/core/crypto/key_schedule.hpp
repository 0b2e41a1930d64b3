// The key schedule of a finished run, recomputed by the lab from the transcript (handshake
// messages, the negotiated suite), the key log and, when the key-exchange capture provides
// it, the (EC)DHE shared secret or RSA premaster: TLS 1.3 per RFC 8446 §7.1, TLS 1.2 per
// RFC 5246 §6.3 / §7.4.9 and RFC 7627. A value that cannot be computed is marked unavailable
// with a reason, never invented; every key-log secret and Finished is checked.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/suite.hpp"
#include "core/model/transcript.hpp"

namespace hl::crypto {

/// Where a schedule value came from.
enum class ValueSource : std::uint8_t {
  recomputed,   // derived by the lab from its inputs
  key_log,      // taken from the key log, because a value it depends on is not available
  transcript,   // read off the handshake messages (randoms)
  input,        // given by the key-exchange capture (shared secret, premaster)
  unavailable,  // not computable: see ScheduleValue::unavailable
};

/// One node of the schedule.
struct ScheduleValue {
  std::string name;                         // RFC name in snake case: "client_handshake_traffic_secret"
  Bytes value;                              // empty when unavailable
  ValueSource source = ValueSource::unavailable;
  std::string unavailable;                  // why, when source == unavailable
  std::vector<std::string> inputs;          // names of the values it is derived from
  std::string label;                        // HKDF / PRF label ("c hs traffic"), empty for none
  std::vector<std::size_t> transcript_steps;  // steps (from 1) whose handshake messages the hash covers
  std::string note;                         // one sentence: HRR message_hash substitution, key log origin
  std::size_t carried_by_step = 0;          // the step (from 1) whose message carries it on the wire (verify_data), 0 if none

  bool available() const { return source != ValueSource::unavailable; }
};

/// One comparison of a recomputed value with what the run really did.
struct ScheduleCheck {
  std::string what;    // "client_handshake_traffic_secret = key log (client)", "server Finished"
  bool ok = false;
  std::string detail;  // one sentence, with both values when they differ
};

/// The whole schedule of one connection.
struct KeySchedule {
  int connection = 1;                 // the connection of the run it belongs to
  std::uint16_t version = 0;          // 0x0304 or 0x0303; 0 when no TLS handshake got that far
  std::optional<SuiteCrypto> suite;
  std::vector<ScheduleValue> values;  // in derivation order
  std::vector<ScheduleCheck> checks;
  std::string unavailable;            // set when no schedule could be computed at all: why

  /// The value called `name`, or nullptr.
  const ScheduleValue* find(std::string_view name) const;
  /// Its bytes, or nullptr when absent or unavailable.
  const Bytes* bytes(std::string_view name) const;
  /// True when every check passed (also when there were none).
  bool all_checks_pass() const;
};

/// Secrets the key-log cannot give, provided by the key-exchange capture or a test vector.
struct KeyExchangeSecrets {
  std::optional<Bytes> shared_secret;      // TLS 1.3 (EC)DHE shared secret
  std::optional<Bytes> pre_master_secret;  // TLS 1.2 premaster (ECDHE/DHE shared secret, or RSA's 48 bytes)
};

/// Recomputes the first TLS connection's schedule of `transcript` from `secrets` ({}: from the
/// key log alone). Never throws; a failed run gives a partial schedule whose unreached values say so.
KeySchedule compute_key_schedule(const Transcript& transcript, const KeyExchangeSecrets& secrets);

/// The schedule of a later connection of the run (a resumed one, a man in the middle's second):
/// from `secrets` (its own key exchange) or its own key log lines, and, for a TLS 1.3 PSK,
/// from `first`'s resumption_master_secret and the ticket it resumed.
KeySchedule compute_later_schedule(const Transcript& transcript, int connection, const KeySchedule& first,
                                   const KeyExchangeSecrets& secrets = {});

/// The connections after the first that put a record on the wire, in order.
std::vector<int> later_connections(const Transcript& transcript);

/// Every connection's schedule, connection 1 first (from `secrets`), then each later one
/// (compute_later_schedule, from that connection's own key exchange): one entry for a run of one connection.
std::vector<KeySchedule> connection_schedules(const Transcript& transcript, const KeyExchangeSecrets& secrets);

/// The same, starting from the run's own key exchange (key_exchange(transcript).secrets():
/// the shared secret the two sides derived, the RSA premaster the lab decrypted) when the lab
/// has it, else from the key log.
KeySchedule compute_key_schedule(const Transcript& transcript);

/// "recomputed", "key log", "transcript", "input", "unavailable".
const char* source_name(ValueSource source);

}  // namespace hl::crypto
