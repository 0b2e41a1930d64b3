// The view-model every view shares: the current run, the step cursor, the selected and
// hovered bytes and playback. Views never call each other; they read and write this.
// Pure logic, no ImGui, so tests drive it without a window.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/field_lookup.hpp"
#include "app/run_data.hpp"
#include "app/step_cursor.hpp"

namespace hl::app {

/// Which bytes of a record a field or range refers to.
enum class Buffer : std::uint8_t { wire, plaintext };

/// A field in the current step: which tree (wire or decrypted) and where in it.
struct FieldRef {
  Buffer buffer = Buffer::wire;
  FieldPath path;
  bool operator==(const FieldRef&) const = default;
};

/// A lit byte range in one buffer of the current step.
struct ByteHighlight {
  Buffer buffer = Buffer::wire;
  ByteRange range;
  bool operator==(const ByteHighlight&) const = default;
};

/// One step of one run, as view caches name it: the run's serial (Transcript::serial, which a
/// later run never reuses, unlike an address) and the step's transcript index.
struct StepKey {
  std::uint64_t run = 0;
  std::size_t index = 0;
  bool operator==(const StepKey&) const = default;
};

class Session {
 public:
  /// Takes a new run. The cursor stays on the step of the same type (StepIdentity; the n-th
  /// of that type when it repeats), else goes to the last step; the selection survives when
  /// that field still exists.
  void adopt(std::shared_ptr<const RunData> run);
  /// The current run as shown (grouped, or its every_event form), or nullptr before the first one arrives.
  const RunData* run() const { return run_.get(); }
  /// The current run, shared: for a caller that must keep it alive past the next adopt().
  std::shared_ptr<const RunData> shared_run() const { return run_; }
  /// The run as the engine grouped its events (what trace numbers), whichever form is shown.
  std::shared_ptr<const RunData> grouped_run() const { return adopted_; }
  /// The current run's serial (Transcript::serial), 0 before the first run: what view caches key on.
  std::uint64_t run_serial() const { return run_ ? run_->transcript.serial : 0; }
  /// The current step's cache key.
  StepKey step_key() const { return {run_serial(), current_index()}; }

  // --- Steps the ladder shows and the cursor walks ----------------------------------
  /// Whether every endpoint event is a step of its own (the run's every_event), as
  /// `trace --all-events`; otherwise events of one side are grouped, as `trace` numbers them.
  bool show_every_event() const { return show_every_event_; }
  /// Switches between the two; the cursor stays on the step of the same type.
  void set_show_every_event(bool every);
  /// Transcript indices of the shown steps, in order.
  const std::vector<std::size_t>& shown_steps() const { return shown_; }
  /// The position among the shown steps.
  const StepCursor& cursor() const { return cursor_; }
  /// Transcript index of the current step; npos when there are no steps.
  std::size_t current_index() const;
  /// The current step, its decoded fields and its display text; nullptr when there are no steps.
  const Step* current_step() const;
  const wire::DecodedStep* current_decoded() const;
  const StepDisplay* current_display() const;

  /// Moves among the shown steps; next() and back() return false (and stay) at either end.
  bool next();
  bool back();
  void first();
  void last();
  /// Jumps to the shown step with transcript index step_index (the nearest shown one before it otherwise).
  void jump_to_step(std::size_t step_index);
  /// Jumps to the n-th shown step (0-based), clamped.
  void jump_to_position(std::size_t position);

  /// Holds next() (and playback) before the step with this transcript index: a predict question
  /// waits for its answer. A jump (first, last, jump_to_*) or a new run releases it; back() keeps it.
  void hold_before(std::size_t step_index) { held_step_ = step_index; }
  void release_hold() { held_step_.reset(); }
  /// The transcript index next() may not reach, while a hold is on.
  const std::optional<std::size_t>& held_step() const { return held_step_; }
  /// True when next() is refused because the next shown step is held back.
  bool next_held() const;
  /// Play / pause; playing from the last step starts again at the first.
  void toggle_playback();

  // --- Selection and hover ----------------------------------------------------------
  /// The selected field of the current step, if any.
  const std::optional<FieldRef>& selected() const { return selected_; }
  /// Selects a field of the current step (ignored when the path leads nowhere).
  void select_field(const FieldRef& ref);
  /// Selects the deepest field under byte; returns false (selection unchanged) when none.
  bool select_byte(Buffer buffer, std::size_t byte);
  /// Selects nothing.
  void clear_selection();
  /// The selected field's bytes.
  std::optional<ByteHighlight> selected_range() const;
  /// Selects a named byte range that is no field of the tree (a record's tag, its nonce);
  /// the hex view lights it like a field. Cleared with the step, as any selection.
  void select_range(const ByteHighlight& range, std::string name);
  /// The name of the range select_range() chose; empty when a field (or nothing) is selected.
  const std::string& selected_range_name() const { return range_name_; }
  /// Bumped whenever the selection came from the hex view, so the tree opens and scrolls to it.
  unsigned reveal_serial() const { return reveal_serial_; }

  /// Starts a frame: what views hovered during the previous frame becomes readable.
  void begin_frame();
  /// A view reports the field under the mouse this frame.
  void hover_field(const FieldRef& ref);
  /// A view reports the byte under the mouse this frame; names its deepest field.
  void hover_byte(Buffer buffer, std::size_t byte);
  /// What was hovered in the previous frame.
  const std::optional<FieldRef>& hovered() const { return hovered_; }
  /// The hovered field's bytes.
  std::optional<ByteHighlight> hovered_range() const;

  /// The field a ref points at in the current step, or nullptr.
  const Field* field(const FieldRef& ref) const;

  // --- Steps lit by another view ------------------------------------------------------
  /// Lights these steps (transcript indices) in the ladder: a transcript hash shows the
  /// handshake messages it covers. `by` names what lit them ("client_handshake_traffic_secret").
  /// Kept while stepping, cleared by a new run or clear_lit_steps().
  void light_steps(std::vector<std::size_t> step_indices, std::string by);
  void clear_lit_steps();
  /// Transcript indices lit, in order; empty when none.
  const std::vector<std::size_t>& lit_steps() const { return lit_steps_; }
  /// What lit them.
  const std::string& lit_by() const { return lit_by_; }
  /// Whether the step with this transcript index is lit.
  bool step_lit(std::size_t step_index) const;

  // --- Playback ---------------------------------------------------------------------
  /// Play / pause and speed.
  Playback& playback() { return playback_; }
  const Playback& playback() const { return playback_; }
  /// Advances playback by dt seconds; stops at the last step.
  void tick(double dt_seconds);

 private:
  void show(std::shared_ptr<const RunData> run);
  void rebuild_shown(std::size_t keep_step_index);
  void on_step_changed();
  const std::vector<Field>* roots(Buffer buffer) const;

  std::shared_ptr<const RunData> adopted_;  // the run as the engine grouped it
  std::shared_ptr<const RunData> run_;      // what is shown: adopted_ or its every_event form
  bool show_every_event_ = false;
  std::vector<std::size_t> shown_;
  StepCursor cursor_;
  std::optional<FieldRef> selected_;
  std::optional<ByteHighlight> range_;  // a selected range that is no field; exclusive with selected_
  std::string range_name_;
  std::vector<std::size_t> lit_steps_;
  std::string lit_by_;
  std::optional<FieldRef> hovered_, hovered_next_;
  unsigned reveal_serial_ = 0;
  Playback playback_;
  std::optional<std::size_t> held_step_;
};


}  // namespace hl::app
