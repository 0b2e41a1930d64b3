#include "app/run_crypto.hpp"

#include <algorithm>

namespace hl::app {

const crypto::RecordProtection* RunCrypto::record_at(std::size_t step_index) const {
  const std::size_t step = step_index + 1;
  auto it = std::lower_bound(records.begin(), records.end(), step,
                             [](const crypto::RecordProtection& record, std::size_t wanted) { return record.step < wanted; });
  return it != records.end() && it->step == step ? &*it : nullptr;
}

RunCrypto compute_run_crypto(const Transcript& transcript) {
  RunCrypto out;
  // The same calls as `trace --format json`, so the window and the JSON never disagree.
  out.exchange = crypto::key_exchange(transcript);
  out.schedules = crypto::connection_schedules(transcript, out.exchange.secrets());
  out.schedule = out.schedules.front();
  out.records = crypto::open_records(transcript, std::span<const crypto::KeySchedule>(out.schedules));
  return out;
}

}  // namespace hl::app
