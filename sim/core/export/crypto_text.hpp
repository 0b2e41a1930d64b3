// The recomputed key schedule as text for a terminal (`trace --keys`).
#pragma once

#include <string>
#include <vector>

#include "core/crypto/key_exchange.hpp"
#include "core/crypto/key_schedule.hpp"
#include "core/crypto/record_protection.hpp"

namespace hl {

/// One line per value (name, where it came from, value or why it is unavailable, its inputs),
/// then every check, then one line per protected record (secret, seq, nonce, whether it opened).
std::string key_schedule_to_text(const crypto::KeySchedule& schedule, const std::vector<crypto::RecordProtection>& records);

/// The key exchange as text: each value with where it came from, then its checks.
std::string key_exchange_to_text(const crypto::KeyExchange& exchange);

}  // namespace hl
