#include "app/run_crypto.hpp"

#include <algorithm>

namespace hl::app {

const crypto::RecordProtection* RunCrypto::record_at(std::size_t step_index) const {
  const std::size_t step = step_index + 1;
  auto it = std::lower_bound(records.begin(), records.end(), step,
                             [](const crypto::RecordProtection& record, std::size_t wanted) { return record.step < wanted; });
  return it != records.end() && it->step == step ? &*it : nullptr;
}

// Connection 1's are the named members (the lists hold copies); a later one comes from the lists.
const crypto::KeySchedule& RunCrypto::schedule_of(int connection) const {
  for (const auto& one : schedules)
    if (one.connection == connection && connection != schedule.connection) return one;
  return schedule;
}

const crypto::KeyExchange& RunCrypto::exchange_of(int connection) const {
  for (const auto& one : exchanges)
    if (one.connection == connection && connection != exchange.connection) return one;
  return exchange;
}

RunCrypto compute_run_crypto(const Transcript& transcript) {
  RunCrypto out;
  // The same calls as `trace --format json`, so the window and the JSON never disagree.
  for (auto& [exchange, schedule] : crypto::connection_crypto(transcript)) {
    out.exchanges.push_back(std::move(exchange));
    out.schedules.push_back(std::move(schedule));
  }
  out.schedule = out.schedules.front();
  out.exchange = out.exchanges.front();
  out.records = crypto::open_records(transcript, std::span<const crypto::KeySchedule>(out.schedules));
  return out;
}

}  // namespace hl::app
