// The recomputed key schedule and each record's protection as JSON (DESIGN.md §3 contract:
// `key_schedule` entries {name, value, inputs, label, transcript_steps}; `protection` on
// protected record steps {secret, seq, key, iv, nonce, aad, ciphertext, tag}).
#pragma once

#include <nlohmann/json.hpp>

#include "core/crypto/key_exchange.hpp"
#include "core/crypto/key_schedule.hpp"
#include "core/crypto/record_protection.hpp"

namespace hl {

/// The schedule's values in derivation order; an unavailable value is null with `value_unavailable`.
nlohmann::json key_schedule_json(const crypto::KeySchedule& schedule);

/// {kind, group, <name>: hex or null, <name>_unavailable: why, <name>_step: step from 1} per value.
nlohmann::json key_exchange_json(const crypto::KeyExchange& exchange);

/// Every check of the schedule: {what, ok, detail}.
nlohmann::json key_schedule_checks_json(const crypto::KeySchedule& schedule);

/// One record's protection, values in hex, parts as [offset, length] into the step's bytes.
nlohmann::json protection_json(const crypto::RecordProtection& protection, const Bytes& record);

}  // namespace hl
