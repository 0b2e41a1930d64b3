// align_runs(): a small sequence alignment (as diff does, with weights) of the two runs' wire
// steps. A table gives each handshake message its role; a dynamic programme over the two
// step lists finds the alignment worth most; ties are broken so that rows of one role and
// one sender stay together.
#include "app/compare_alignment.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

#include "core/model/record_layer.hpp"

namespace hl::app {
namespace {

struct RoleRow {
  HandshakeType type;
  Role role;
};

constexpr RoleRow kMessageRoles[] = {
    {HandshakeType::client_hello, Role::hello},
    {HandshakeType::server_hello, Role::hello},
    {HandshakeType::hello_retry_request, Role::hello},
    {HandshakeType::hello_request, Role::hello},
    {HandshakeType::encrypted_extensions, Role::server_parameters},
    {HandshakeType::certificate_request, Role::server_parameters},
    {HandshakeType::server_hello_done, Role::server_parameters},
    {HandshakeType::certificate, Role::certificate},
    {HandshakeType::certificate_verify, Role::certificate},
    {HandshakeType::certificate_status, Role::certificate},
    {HandshakeType::server_key_exchange, Role::key_exchange},
    {HandshakeType::client_key_exchange, Role::key_exchange},
    {HandshakeType::finished, Role::finished},
    {HandshakeType::end_of_early_data, Role::finished},
    {HandshakeType::new_session_ticket, Role::session_ticket},
    {HandshakeType::key_update, Role::other},
};

struct ContentRole {
  std::uint8_t content_type;
  Role role;
};

constexpr ContentRole kContentRoles[] = {
    {record::kChangeCipherSpec, Role::change_cipher_spec},
    {record::kAlert, Role::alert},
    {record::kApplicationData, Role::application_data},
};

constexpr const char* kRoleNames[] = {"hello",          "server parameters", "certificate",
                                      "key exchange",   "change cipher spec", "finished",
                                      "session ticket", "application data",  "alert",
                                      "other"};
static_assert(std::size(kRoleNames) == static_cast<std::size_t>(Role::other) + 1);

// What an alignment gains from two steps in one row.
constexpr int kSameMessage = 4;
constexpr int kSameRole = 1;
constexpr int kApart = -1;  // these two may not share a row
// Above this many cells the runs are paired by position instead (no run of the lab comes near).
constexpr std::size_t kMaxCells = 4'000'000;

int pair_worth(const Step& left, const Step& right) {
  if (identity_of(left) == identity_of(right)) return kSameMessage;
  if (left.kind == right.kind && sender_role(left) == sender_role(right) && role_of(left) == role_of(right))
    return kSameRole;
  return kApart;
}

std::vector<std::size_t> compared_indices(const Transcript& transcript, int connection) {
  std::vector<std::size_t> indices;
  for (std::size_t i = 0; i < transcript.steps.size(); ++i)
    if (compared_step(transcript.steps[i], connection)) indices.push_back(i);
  return indices;
}

AlignedRow pair_row(const Transcript& left, std::size_t l, const Transcript& right, std::size_t r) {
  const Step& a = left.steps[l];
  return {l, r, role_of(a), identity_of(a) == identity_of(right.steps[r])};
}

std::vector<AlignedRow> align_by_position(const Transcript& left, const std::vector<std::size_t>& ls,
                                          const Transcript& right, const std::vector<std::size_t>& rs) {
  std::vector<AlignedRow> rows;
  for (std::size_t i = 0; i < std::max(ls.size(), rs.size()); ++i) {
    if (i < ls.size() && i < rs.size()) rows.push_back(pair_row(left, ls[i], right, rs[i]));
    else if (i < ls.size()) rows.push_back({ls[i], std::nullopt, role_of(left.steps[ls[i]]), false});
    else rows.push_back({std::nullopt, rs[i], role_of(right.steps[rs[i]]), false});
  }
  return rows;
}

}  // namespace

const char* role_name(Role role) { return kRoleNames[static_cast<std::size_t>(role)]; }

Role role_of(const Step& step) {
  if (step.kind == StepKind::app_line) return Role::application_data;
  if (step.kind != StepKind::record) return Role::other;
  if (!step.messages.empty()) {
    for (const RoleRow& row : kMessageRoles)
      if (row.type == step.messages.front()) return row.role;
    return Role::other;
  }
  const std::uint8_t type = step.inner_type != 0 ? step.inner_type : step.content_type;
  for (const ContentRole& row : kContentRoles)
    if (row.content_type == type) return row.role;
  return Role::other;
}

bool compared_step(const Step& step, int connection) {
  if (step.kind == StepKind::event) return false;
  return connection == 0 || step.connection == connection;
}

std::vector<AlignedRow> align_runs(const Transcript& left, const Transcript& right, int left_connection,
                                   int right_connection) {
  const std::vector<std::size_t> ls = compared_indices(left, left_connection);
  const std::vector<std::size_t> rs = compared_indices(right, right_connection);
  const std::size_t n = ls.size(), m = rs.size();
  if ((n + 1) * (m + 1) > kMaxCells) return align_by_position(left, ls, right, rs);

  // best[i][j]: the most the steps from ls[i] and rs[j] on can be worth, aligned.
  const std::size_t width = m + 1;
  std::vector<int> best((n + 1) * width, 0);
  auto at = [&](std::size_t i, std::size_t j) -> int& { return best[i * width + j]; };
  std::vector<int> worth(n * m);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < m; ++j) worth[i * m + j] = pair_worth(left.steps[ls[i]], right.steps[rs[j]]);
  for (std::size_t i = n + 1; i-- > 0;) {
    for (std::size_t j = m + 1; j-- > 0;) {
      if (i == n && j == m) continue;
      int value = -1;
      if (i < n) value = std::max(value, at(i + 1, j));
      if (j < m) value = std::max(value, at(i, j + 1));
      if (i < n && j < m && worth[i * m + j] != kApart) value = std::max(value, worth[i * m + j] + at(i + 1, j + 1));
      at(i, j) = value;
    }
  }

  // Walk forward along one best alignment. Ties: a pair; else the one-sided step that keeps the
  // previous row's role, then its sender; else the left run's step.
  std::vector<AlignedRow> rows;
  std::optional<Role> last_role;
  std::optional<Side> last_sender;
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    const bool can_pair = i < n && j < m && worth[i * m + j] != kApart && worth[i * m + j] + at(i + 1, j + 1) == at(i, j);
    const bool can_left = i < n && at(i + 1, j) == at(i, j);
    const bool can_right = j < m && at(i, j + 1) == at(i, j);
    const Step* l = i < n ? &left.steps[ls[i]] : nullptr;
    const Step* r = j < m ? &right.steps[rs[j]] : nullptr;
    auto keeps = [&](const Step* step) {
      int score = 0;
      if (last_role && role_of(*step) == *last_role) score += 2;
      if (last_sender && sender_role(*step) == *last_sender) score += 1;
      return score;
    };
    if (can_pair) {
      rows.push_back(pair_row(left, ls[i++], right, rs[j++]));
    } else if (can_left && (!can_right || keeps(l) >= keeps(r))) {
      rows.push_back({ls[i++], std::nullopt, role_of(*l), false});
    } else {
      rows.push_back({std::nullopt, rs[j++], role_of(*r), false});
    }
    const Step& shown = rows.back().left ? left.steps[*rows.back().left] : right.steps[*rows.back().right];
    last_role = rows.back().role;
    last_sender = sender_role(shown);
  }
  return rows;
}

std::optional<std::size_t> first_differing_row(const std::vector<AlignedRow>& rows, const Transcript& left,
                                               const Transcript& right) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const AlignedRow& row = rows[i];
    if (!row.left || !row.right || !row.same) return i;
    if (left.steps[*row.left].bytes != right.steps[*row.right].bytes) return i;
  }
  return std::nullopt;
}

}  // namespace hl::app
