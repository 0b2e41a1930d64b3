// What the lab recomputed about one run's cryptography, once per run (in the runner's
// thread, never in a frame): the key exchange, the key schedule and every protected record
// opened up. The key schedule pane and the record pane read it; nothing here knows ImGui.
#pragma once

#include <cstddef>
#include <vector>

#include "core/crypto/key_exchange.hpp"
#include "core/crypto/key_schedule.hpp"
#include "core/crypto/record_protection.hpp"
#include "core/model/transcript.hpp"

namespace hl::app {

/// The recomputed cryptography of one run; step numbers in it count from 1 in that run's transcript.
struct RunCrypto {
  crypto::KeySchedule schedule;                 // connection 1's
  std::vector<crypto::KeySchedule> schedules;   // every connection's, connection 1 first
  crypto::KeyExchange exchange;                 // connection 1's
  std::vector<crypto::KeyExchange> exchanges;   // every connection's, in the order of schedules
  std::vector<crypto::RecordProtection> records;  // in step order

  /// How the record at transcript index step_index is protected, or nullptr when it is not.
  const crypto::RecordProtection* record_at(std::size_t step_index) const;
  /// The schedule of `connection`; connection 1's when the run has none for it.
  const crypto::KeySchedule& schedule_of(int connection) const;
  /// The key exchange of `connection`; connection 1's when the run has none for it.
  const crypto::KeyExchange& exchange_of(int connection) const;
};

/// Recomputes everything for `transcript`; never throws (a failed run gives a partial schedule).
RunCrypto compute_run_crypto(const Transcript& transcript);

}  // namespace hl::app
