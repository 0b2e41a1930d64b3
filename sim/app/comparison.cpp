#include "app/comparison.hpp"

#include <algorithm>
#include <atomic>
#include <utility>

#include "core/export/eavesdropper.hpp"
#include "core/model/flows.hpp"
#include "core/model/record_layer.hpp"

namespace hl::app {
namespace {

std::atomic<std::uint64_t> next_serial{1};

// The server flights the client waits for before its first application data record: a flight
// is a run of server records with handshake messages (tickets and later messages do not count).
std::optional<std::size_t> round_trips_of(const Transcript& transcript, int connection) {
  std::size_t count = 0;
  bool in_server_flight = false;
  for (const Step& step : transcript.steps) {
    if (step.kind != StepKind::record || step.connection != connection) continue;
    const Role role = role_of(step);
    if (sender_role(step) == Side::client) {
      if (role == Role::application_data) return count;
      in_server_flight = false;
      continue;
    }
    if (role == Role::session_ticket || role == Role::application_data || role == Role::other) continue;
    if (!in_server_flight) ++count;
    in_server_flight = true;
  }
  return std::nullopt;
}

std::string outcome_of(const Transcript& transcript) {
  if (transcript.rejected) return "refused: " + transcript.failure;
  if (!transcript.failure.empty()) return transcript.failure;
  return transcript.handshake_complete ? "handshake complete" : "handshake not finished";
}

// The summary of one side, and a cell for each of its compared steps (by transcript index).
void analyse_side(const RunData& run, int connection, SideSummary& out_summary, std::vector<CompareCell>& out_cells) {
  const Transcript& transcript = run.transcript;
  const EavesdropperView seen = run.decoded.size() == transcript.steps.size()
                                    ? eavesdropper_view(transcript, run.decoded)
                                    : eavesdropper_view(transcript);
  out_cells.assign(transcript.steps.size(), {});
  for (const SeenStep& step : seen.steps) {
    if (step.index >= out_cells.size() || !compared_step(transcript.steps[step.index], connection)) continue;
    CompareCell& cell = out_cells[step.index];
    cell.readable = !step.encrypted;
    for (const Exposure& exposure : step.exposures) {
      cell.exposed += (cell.exposed.empty() ? "" : "\n") + exposure.what + ": " + exposure.value;
      auto& kinds = out_summary.exposed;
      if (std::find(kinds.begin(), kinds.end(), exposure.what) == kinds.end()) kinds.push_back(exposure.what);
    }
  }

  // Flights as the run's flow numbers them (StepDisplay::flight_number marks where each begins).
  int current_connection = 0;
  std::uint8_t flight = 0;
  std::vector<std::size_t> flight_of_step(transcript.steps.size(), static_cast<std::size_t>(-1));
  for (std::size_t i = 0; i < transcript.steps.size(); ++i) {
    const Step& step = transcript.steps[i];
    if (step.connection != current_connection) flight = 0;
    current_connection = step.connection;
    if (i < run.display.size() && run.display[i].flight_number != 0) flight = run.display[i].flight_number;
    if (!compared_step(step, connection)) continue;
    out_cells[i].step = i;
    out_summary.wire_bytes += step.bytes.size();
    const bool whole = step.kind == StepKind::app_line || !step.is_protected;
    out_summary.readable_bytes += whole ? step.bytes.size() : std::min(step.bytes.size(), record::kHeaderLen);
    if (flight == 0) continue;
    auto& flights = out_summary.flights;
    if (flights.empty() || flights.back().connection != step.connection || flights.back().flight != flight) {
      flights.push_back({step.connection, flight, 0, 0});
      out_cells[i].flight = flight;
    }
    flights.back().bytes += step.bytes.size();
    ++flights.back().num_steps;
    flight_of_step[i] = flights.size() - 1;
  }
  for (std::size_t i = 0; i < out_cells.size(); ++i)
    if (out_cells[i].flight != 0) out_cells[i].flight_bytes = out_summary.flights[flight_of_step[i]].bytes;

  for (int shown : flows::connections_of(transcript))
    if (connection == 0 || shown == connection) out_summary.round_trips.push_back(round_trips_of(transcript, shown));
  out_summary.outcome = outcome_of(transcript);
}

}  // namespace

SideSummary summarize_side(const RunData& run, int connection) {
  SideSummary summary;
  std::vector<CompareCell> cells;
  analyse_side(run, connection, summary, cells);
  return summary;
}

Comparison::Comparison(CompareRequest request)
    : left_(std::move(request.left)),
      right_(std::move(request.right)),
      mark_fork_(request.mark_fork),
      fork_step_(request.fork_step) {
  if (!active()) return;
  serial_ = next_serial++;
  std::vector<CompareCell> left_cells, right_cells;
  analyse_side(*left_.run, left_.connection, left_summary_, left_cells);
  analyse_side(*right_.run, right_.connection, right_summary_, right_cells);
  const Transcript& left = left_.run->transcript;
  const Transcript& right = right_.run->transcript;
  const std::vector<AlignedRow> aligned = align_runs(left, right, left_.connection, right_.connection);
  rows_.reserve(aligned.size());
  for (const AlignedRow& row : aligned) {
    CompareRow& out = rows_.emplace_back();
    out.role = row.role;
    out.same = row.same;
    if (row.left) out.left = left_cells[*row.left];
    if (row.right) out.right = right_cells[*row.right];
  }
  name_only_here(aligned);
  if (mark_fork_ && fork_step_) {
    auto at = std::find_if(aligned.begin(), aligned.end(), [&](const AlignedRow& row) { return row.left && *row.left >= *fork_step_; });
    if (at != aligned.end()) fork_row_ = static_cast<std::size_t>(at - aligned.begin());
  } else if (mark_fork_) {
    fork_row_ = first_differing_row(aligned, left, right);
  }
  cursor_ = StepCursor(rows_.size());
}

void Comparison::name_only_here(const std::vector<AlignedRow>& aligned) {
  // "Finished" alone would not say whose: a title its run shows from both sides names the sender.
  auto name = [](const CompareSide& side, std::size_t step) {
    const Transcript& transcript = side.run->transcript;
    const std::string& title = side.run->display[step].title;
    const Side sender = sender_role(transcript.steps[step]);
    for (std::size_t i = 0; i < transcript.steps.size(); ++i) {
      if (!compared_step(transcript.steps[i], side.connection) || sender_role(transcript.steps[i]) == sender) continue;
      if (side.run->display[i].title == title) return title + " (" + side_name(sender) + ")";
    }
    return title;
  };
  for (const AlignedRow& row : aligned) {
    if (row.left && !row.right) left_summary_.only_here.push_back(name(left_, *row.left));
    if (row.right && !row.left) right_summary_.only_here.push_back(name(right_, *row.right));
  }
}

std::optional<std::size_t> Comparison::step_at_or_before(Half half) const {
  if (cursor_.empty()) return std::nullopt;
  for (std::size_t row = cursor_.index() + 1; row-- > 0;)
    if (const auto& cell = rows_[row].cell(half)) return cell->step;
  return std::nullopt;
}

void Comparison::toggle_playback() {
  if (!playback_.playing() && cursor_.at_last()) first();
  playback_.toggle();
}

void Comparison::tick(double dt_seconds) {
  const std::size_t rows = playback_.tick(dt_seconds);
  for (std::size_t i = 0; i < rows; ++i) {
    if (next()) continue;
    playback_.set_playing(false);
    break;
  }
  if (playback_.playing() && cursor_.at_last()) playback_.set_playing(false);
}

}  // namespace hl::app
