// The compare view's model: two finished runs side by side (TLS 1.2 against 1.3, full against
// resumed, an original run against its "what if" edit), their steps aligned by role, what
// differs, an optional mark where the runs part, and one step cursor that moves both ladders.
// Pure logic, no ImGui, so tests drive it without a window.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/compare_alignment.hpp"
#include "app/run_data.hpp"
#include "app/step_cursor.hpp"

namespace hl::app {

/// One side of a comparison: a finished run and what to call it.
struct CompareSide {
  std::shared_ptr<const RunData> run;
  std::string label;   // "TLS 1.2", "original"
  int connection = 0;  // the connection shown, from 1; 0: every connection of the run
};

/// What opens a comparison: two finished runs and, optionally, where they part.
struct CompareRequest {
  CompareSide left, right;
  bool mark_fork = false;                // mark the row where the runs part ("what if": from here on they differ)
  std::optional<std::size_t> fork_step = std::nullopt;  // with mark_fork: the row of the left run's step with this transcript index
                                         // (or the first row after it); unset: first_differing_row()
};

/// Which ladder.
enum class Half : std::uint8_t { left, right };

/// One side of a row, with what the view writes beside it.
struct CompareCell {
  std::size_t step = 0;          // transcript index in that side's run
  bool readable = false;         // an eavesdropper reads the message itself, not only a record header
  std::string exposed;           // what it gives away, one item per line ("server name (SNI): www.example.com")
  std::uint8_t flight = 0;       // a flight of the run's handshake flow starts here: its number; 0 otherwise
  std::size_t flight_bytes = 0;  // with flight: the bytes the whole flight put on the wire
};

/// One row of the two ladders.
struct CompareRow {
  std::optional<CompareCell> left, right;
  Role role = Role::other;
  bool same = false;  // both sides hold the same message
  /// The cell of one half (nullopt: that run has no step in this row).
  const std::optional<CompareCell>& cell(Half half) const { return half == Half::left ? left : right; }
};

/// The bytes of one flight of one side.
struct FlightTotal {
  int connection = 1;
  std::uint8_t flight = 0;  // from 1, as the flows table numbers them
  std::size_t bytes = 0;
  std::size_t num_steps = 0;
};

/// What one side of the comparison adds up to.
struct SideSummary {
  /// Per connection shown: how many flights of the server the client waited for before it sent
  /// application data (TLS 1.2 full: 2, TLS 1.3: 1, 0-RTT: 0); nullopt when it sent none.
  std::vector<std::optional<std::size_t>> round_trips;
  std::vector<FlightTotal> flights;  // in order
  std::size_t wire_bytes = 0;        // every byte of the compared steps
  std::size_t readable_bytes = 0;    // of those, what an eavesdropper reads: record headers and unencrypted payloads
  std::vector<std::string> exposed;  // what the eavesdropper learns, each kind once ("server name (SNI)", ...)
  std::vector<std::string> only_here;  // titles of the messages the other run has no counterpart for, in order; a
                                       // title its run shows from both sides names the sender: "Finished (server)"
  std::string outcome;                 // "handshake complete", or why the run failed
};

/// Two runs side by side and one cursor over their aligned rows.
class Comparison {
 public:
  /// No comparison: not active().
  Comparison() = default;
  /// Aligns two finished runs and works out what differs; the cursor is on the first row.
  explicit Comparison(CompareRequest request);

  /// Whether a comparison is open (both runs set).
  bool active() const { return left_.run != nullptr && right_.run != nullptr; }
  /// A serial that changes with every comparison built (view caches key on it); 0 when none.
  std::uint64_t serial() const { return serial_; }
  const CompareSide& side(Half half) const { return half == Half::left ? left_ : right_; }
  const std::vector<CompareRow>& rows() const { return rows_; }
  const SideSummary& summary(Half half) const { return half == Half::left ? left_summary_ : right_summary_; }
  /// The row where the runs part, when the request asked for the mark and they do part.
  const std::optional<std::size_t>& fork_row() const { return fork_row_; }
  /// The request it was built from (to rebuild it around a rerun of one side).
  CompareRequest request() const { return {left_, right_, mark_fork_, fork_step_}; }

  // --- The shared cursor: one row of both ladders ------------------------------------
  const StepCursor& cursor() const { return cursor_; }
  /// next() and back() return false (and stay) at either end.
  bool next() { return cursor_.next(); }
  bool back() { return cursor_.back(); }
  void first() { cursor_.first(); }
  void last() { cursor_.last(); }
  /// Jumps to a row (0-based), clamped.
  void jump_to_position(std::size_t row) { cursor_.jump(row); }
  /// The step of `half` in the current row, else the nearest one before it; nullopt when none.
  std::optional<std::size_t> step_at_or_before(Half half) const;

  /// Play / pause and speed; playing from the last row starts again at the first.
  Playback& playback() { return playback_; }
  const Playback& playback() const { return playback_; }
  void toggle_playback();
  /// Advances playback by dt seconds; stops at the last row.
  void tick(double dt_seconds);

 private:
  void name_only_here(const std::vector<AlignedRow>& aligned);

  CompareSide left_, right_;
  bool mark_fork_ = false;
  std::optional<std::size_t> fork_step_;
  std::vector<CompareRow> rows_;
  SideSummary left_summary_, right_summary_;
  std::optional<std::size_t> fork_row_;
  StepCursor cursor_;
  Playback playback_;
  std::uint64_t serial_ = 0;
};

/// Round trips, flights, bytes and what an eavesdropper reads, of one run's steps of
/// `connection` (0: all): the figures of SideSummary that need no other run.
SideSummary summarize_side(const RunData& run, int connection);

}  // namespace hl::app
