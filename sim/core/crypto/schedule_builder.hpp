// Shared machinery of the TLS 1.3 and TLS 1.2 schedules (internal to core/crypto): adds
// values to a KeySchedule with their provenance, hashes transcript prefixes and checks
// key-log lines and Finished messages against recomputed values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/crypto/handshake_log.hpp"
#include "core/crypto/key_schedule.hpp"
#include "core/crypto/keylog.hpp"

namespace hl::crypto {

/// The hash of a transcript prefix and the steps it covers.
struct TranscriptHash {
  Bytes hash;
  std::vector<std::size_t> steps;
  std::string note;  // HRR substitution, when it applied
};

/// Builds one connection's schedule.
class ScheduleBuilder {
 public:
  ScheduleBuilder(KeySchedule& out, std::vector<HandshakeMessage> messages, std::vector<KeyLogEntry> keylog)
      : out_(out), messages_(std::move(messages)), keylog_(std::move(keylog)) {}

  /// Adds a value the lab derived; returns its bytes (empty if the derivation failed).
  const Bytes& recomputed(ScheduleValue value);
  /// Adds a value that cannot be computed, with the reason.
  void unavailable(ScheduleValue value, std::string reason);
  /// Adds `value` from the key log line labelled `keylog_label` if there is one, else as unavailable.
  const Bytes* from_keylog(ScheduleValue value, const std::string& keylog_label, const std::string& reason);
  /// Adds a value the caller read from the key log itself.
  void from_keylog_value(ScheduleValue value);
  /// Adds a value read off the transcript (a random).
  void from_transcript(ScheduleValue value);
  /// Adds an input given by the key-exchange capture.
  void from_input(ScheduleValue value);

  /// Compares every key log line labelled `keylog_label` with the value `name` (when it is available).
  void check_keylog(const std::string& name, const std::string& keylog_label);
  /// Adds a comparison the caller made itself (the PSK binder).
  void add_check(ScheduleCheck check) { out_.checks.push_back(std::move(check)); }
  /// Compares the body of the Finished message at `index` with `expected`.
  void check_finished(std::size_t index, const std::string& who, const Bytes& expected);

  /// Hash of messages [0, last] (all messages when last is nullopt); TLS 1.3 HelloRetryRequest
  /// substitution (RFC 8446 §4.4.1) when `hrr_substitution`.
  TranscriptHash transcript_hash(const std::string& digest, std::optional<std::size_t> last,
                                 bool hrr_substitution) const;
  /// Steps covered by messages [0, last].
  std::vector<std::size_t> steps_up_to(std::size_t last) const;

  const std::vector<HandshakeMessage>& messages() const { return messages_; }
  const std::vector<KeyLogEntry>& keylog() const { return keylog_; }
  const Bytes* value(const std::string& name) const { return out_.bytes(name); }

 private:
  ScheduleValue& add(ScheduleValue value, ValueSource source);
  /// prefix_hashes() of the messages (HRR substitution or not), computed on first use.
  const std::vector<Bytes>& message_prefix_hashes(const std::string& digest, bool hrr_substitution) const;
  /// True when the first ClientHello enters the transcript as a message_hash (RFC 8446 §4.4.1).
  bool first_hello_retried() const { return messages_.size() > 1 && messages_[1].hello_retry; }

  KeySchedule& out_;
  std::vector<HandshakeMessage> messages_;
  std::vector<KeyLogEntry> keylog_;
  struct PrefixHashes {
    std::string digest;
    bool hrr_substitution = false;
    std::vector<Bytes> hashes;
  };
  mutable std::vector<PrefixHashes> prefix_hashes_;  // a cache: a schedule asks for a dozen prefixes
};

/// Hex of `bytes` (no separators), for check details.
std::string hex(const Bytes& bytes);

/// What a resumed TLS 1.3 connection's early secret comes from: the ticket the client offered
/// and the first connection's resumption_master_secret (RFC 8446 §4.6.1).
struct ResumptionInput {
  bool resumed = false;                // the connection's ServerHello accepted a pre-shared key
  Bytes resumption_master_secret;      // empty when the first connection's schedule lacks it
  Bytes ticket_nonce;
  std::size_t ticket_step = 0;         // the step (from 1) of the NewSessionTicket whose ticket was offered
  std::vector<std::size_t> secret_steps;  // the steps the resumption_master_secret's transcript hash covers
  std::size_t binder_offset = 0;       // in the ClientHello message: where the binders list (its length) begins
  Bytes binder;                        // the first binder the ClientHello carries
  std::string unavailable;             // why the PSK cannot be recomputed, when it cannot
};

/// Finds, for `connection`, the ticket its ClientHello offered among `first`'s connection's
/// NewSessionTickets, and the binder; resumed stays false for a full handshake.
ResumptionInput resumption_input(const Transcript& transcript, int connection, const KeySchedule& first);

/// TLS 1.3 half: fills `builder` given the connection's suite, optional shared secret and, for
/// a resumed connection, what its PSK comes from.
void build_tls13_schedule(ScheduleBuilder& builder, const SuiteCrypto& suite, const std::optional<Bytes>& shared_secret,
                          const ResumptionInput& resumption);
/// TLS 1.2 half.
void build_tls12_schedule(ScheduleBuilder& builder, const SuiteCrypto& suite,
                          const std::optional<Bytes>& pre_master_secret);

}  // namespace hl::crypto
