// Which keys protect a TLS 1.3 record depends on where the Finished messages are, and those
// are inside protected records: so open what the known keys open, learn the messages, and
// go again until nothing new opens (three rounds suffice: handshake, application, done).
#include "core/capture/capture_decrypt.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <span>

#include "core/crypto/key_schedule.hpp"
#include "core/crypto/record_protection.hpp"
#include "core/model/record_layer.hpp"

namespace hl::capture {
namespace {

constexpr int kMaxRounds = 4;

struct SecretRow {
  const char* name;
  TrafficSecret secret;
};

constexpr SecretRow kSecrets[] = {
    {"client_early_traffic_secret", TrafficSecret::client_early},
    {"client_handshake_traffic_secret", TrafficSecret::client_handshake},
    {"server_handshake_traffic_secret", TrafficSecret::server_handshake},
    {"client_application_traffic_secret_0", TrafficSecret::client_application},
    {"server_application_traffic_secret_0", TrafficSecret::server_application},
    {"client_write_key", TrafficSecret::tls12_client_write},
    {"server_write_key", TrafficSecret::tls12_server_write},
};

TrafficSecret secret_named(const std::string& name) {
  auto row = std::find_if(std::begin(kSecrets), std::end(kSecrets), [&](const SecretRow& r) { return name == r.name; });
  return row == std::end(kSecrets) ? TrafficSecret::none : row->secret;
}

// Takes what one record opened to; true when the step learned something new.
bool take_opened(Step& step, const crypto::RecordProtection& p) {
  if (!p.opened || p.content_type == 0) return false;  // 0: a TLS 1.3 inner plaintext of zeros only
  Bytes plaintext = p.decrypted;
  if (step.version != record::kTls13) {  // TLS 1.2: the fragment without MAC and padding
    const auto content = std::span(p.decrypted).subspan(p.content.offset, p.content.len);
    plaintext.assign(content.begin(), content.end());
  }
  if (plaintext == step.plaintext && !step.plaintext.empty()) return false;
  step.plaintext = std::move(plaintext);
  step.inner_type = p.content_type;
  step.protection = secret_named(p.secret);
  return true;
}

// The key log lines a connection may have used. One client random normally names one connection;
// a replayed ClientHello names two, and the log then holds a label once per connection, in the
// order they were written. Set k takes each label's k-th line (its last, for a label written fewer
// times: the replay's early data is under the first connection's early key).
std::vector<std::vector<std::string>> keylog_sets(const std::vector<std::string>& lines) {
  std::map<std::string, std::vector<std::string>> by_label;
  std::vector<std::string> order;  // labels as first seen
  for (const std::string& line : lines) {
    const std::string label = line.substr(0, line.find(' '));
    auto& same = by_label[label];
    if (same.empty()) order.push_back(label);
    same.push_back(line);
  }
  std::size_t generations = 1;
  for (const auto& [label, same] : by_label) generations = std::max(generations, same.size());
  std::vector<std::vector<std::string>> sets(generations);
  for (std::size_t k = 0; k < generations; ++k)
    for (const std::string& label : order) sets[k].push_back(by_label[label][std::min(k, by_label[label].size() - 1)]);
  return sets;
}

// Opens what `t`'s key log opens, round after round; the last round's results.
std::vector<crypto::RecordProtection> open_with_keylog(Transcript& t) {
  std::vector<crypto::RecordProtection> last;
  for (int round = 0; round < kMaxRounds; ++round) {
    const crypto::KeySchedule schedule = crypto::compute_key_schedule(t, crypto::KeyExchangeSecrets{});
    last = crypto::open_records(t, schedule);
    bool learned = false;
    for (const auto& p : last) learned = take_opened(t.steps[p.step - 1], p) || learned;
    // An AEAD or MAC that verified proves the key right: once every record is open, another
    // round could only confirm it.
    const bool all_open = std::all_of(last.begin(), last.end(), [&](const auto& p) { return !t.steps[p.step - 1].plaintext.empty(); });
    if (!learned || all_open) break;
  }
  return last;
}

std::size_t num_opened(const Transcript& t) {
  return static_cast<std::size_t>(
      std::count_if(t.steps.begin(), t.steps.end(), [](const Step& s) { return s.is_protected && !s.plaintext.empty(); }));
}

}  // namespace

void decrypt_records(Transcript& t, std::vector<std::string>& warnings) {
  const auto num_protected = std::count_if(t.steps.begin(), t.steps.end(), [](const Step& s) { return s.is_protected; });
  if (num_protected == 0) return;
  if (t.keylog.empty()) {
    warnings.push_back(std::to_string(num_protected) + " protected records stay encrypted: no key log line names this "
                       "connection's client random (give --keylog FILE, or a pcapng with a Decryption Secrets Block)");
    return;
  }
  std::vector<std::vector<std::string>> sets = keylog_sets(t.keylog);
  std::vector<crypto::RecordProtection> last;
  if (sets.size() == 1) {
    last = open_with_keylog(t);  // the usual case: one connection per client random, opened in place
  } else {
    // Each candidate set on a copy; the one that opens the most records wins (the first on a tie).
    std::optional<Transcript> best;
    for (std::vector<std::string>& lines : sets) {
      Transcript tried = t;
      tried.keylog = std::move(lines);
      auto opened = open_with_keylog(tried);
      if (best && num_opened(tried) <= num_opened(*best)) continue;
      best = std::move(tried);
      last = std::move(opened);
    }
    t = std::move(*best);
  }
  std::map<std::string, int> problems;  // one warning per kind of failure
  for (const auto& p : last)
    if (t.steps[p.step - 1].plaintext.empty()) ++problems[p.problem.empty() ? "it did not open" : p.problem];
  for (const auto& [problem, count] : problems)
    warnings.push_back(std::to_string(count) + " protected records did not open: " + problem);
}

}  // namespace hl::capture
