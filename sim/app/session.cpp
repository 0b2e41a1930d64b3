#include "app/session.hpp"

#include <algorithm>
#include <utility>

namespace hl::app {

namespace {
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

std::vector<StepIdentity> identities_of(const RunData& run, const std::vector<std::size_t>& shown) {
  std::vector<StepIdentity> identities;
  identities.reserve(shown.size());
  for (auto index : shown) identities.push_back(identity_of(run.transcript.steps[index]));
  return identities;
}
}  // namespace

void Session::adopt(std::shared_ptr<const RunData> run) {
  adopted_ = run;
  if (show_every_event_ && run && run->every_event) run = run->every_event;
  show(std::move(run));
}

void Session::set_show_every_event(bool every) {
  if (every == show_every_event_) return;
  show_every_event_ = every;
  if (adopted_) adopt(adopted_);
}

void Session::show(std::shared_ptr<const RunData> run) {
  StepIdentity old_identity;
  std::size_t occurrence = 0;
  const bool had_step = run_ && !cursor_.empty();
  if (had_step) {
    auto identities = identities_of(*run_, shown_);
    old_identity = identities[cursor_.index()];
    occurrence = occurrence_of(identities, cursor_.index());
  }
  auto old_selection = selected_;
  run_ = std::move(run);
  held_step_.reset();  // a hold names a step of the old run
  clear_lit_steps();   // so do lit steps
  range_.reset();
  range_name_.clear();
  rebuild_shown(kNone);
  if (had_step) {
    cursor_.jump(find_step_after_rerun(identities_of(*run_, shown_), old_identity, occurrence));
  }
  hovered_.reset();
  hovered_next_.reset();
  selected_.reset();
  if (old_selection && field(*old_selection) != nullptr) selected_ = old_selection;
}

void Session::rebuild_shown(std::size_t keep_step_index) {
  shown_.clear();
  if (run_) {
    const auto& steps = run_->transcript.steps;
    for (std::size_t i = 0; i < steps.size(); ++i) shown_.push_back(i);
  }
  cursor_ = StepCursor(shown_.size());
  if (keep_step_index != kNone) jump_to_step(keep_step_index);
}

std::size_t Session::current_index() const { return cursor_.empty() ? kNone : shown_[cursor_.index()]; }

const Step* Session::current_step() const {
  std::size_t index = current_index();
  return index == kNone ? nullptr : &run_->transcript.steps[index];
}

const wire::DecodedStep* Session::current_decoded() const {
  std::size_t index = current_index();
  if (index == kNone || index >= run_->decoded.size()) return nullptr;
  return &run_->decoded[index];
}

const StepDisplay* Session::current_display() const {
  std::size_t index = current_index();
  return index == kNone ? nullptr : &run_->display[index];
}

void Session::on_step_changed() {
  selected_.reset();
  range_.reset();
  range_name_.clear();
  hovered_.reset();
  hovered_next_.reset();
}

bool Session::next_held() const {
  if (!held_step_ || cursor_.at_last()) return false;
  return shown_[cursor_.index() + 1] >= *held_step_;
}

bool Session::next() {
  if (next_held() || !cursor_.next()) return false;
  on_step_changed();
  return true;
}

bool Session::back() {
  if (!cursor_.back()) return false;
  on_step_changed();
  return true;
}

void Session::first() { jump_to_position(0); }

void Session::last() { jump_to_position(shown_.empty() ? 0 : shown_.size() - 1); }

void Session::jump_to_position(std::size_t position) {
  held_step_.reset();
  std::size_t before = cursor_.index();
  cursor_.jump(position);
  if (cursor_.index() != before) on_step_changed();
}

void Session::jump_to_step(std::size_t step_index) {
  // The last shown step at or before step_index; the first shown step otherwise.
  auto after = std::upper_bound(shown_.begin(), shown_.end(), step_index);
  std::size_t position = after == shown_.begin() ? 0 : static_cast<std::size_t>(after - shown_.begin()) - 1;
  jump_to_position(position);
}

const std::vector<Field>* Session::roots(Buffer buffer) const {
  const auto* decoded = current_decoded();
  if (decoded == nullptr) return nullptr;
  return buffer == Buffer::wire ? &decoded->fields : &decoded->inner_fields;
}

const Field* Session::field(const FieldRef& ref) const {
  const auto* fields = roots(ref.buffer);
  return fields == nullptr ? nullptr : field_at_path(*fields, ref.path);
}

void Session::select_field(const FieldRef& ref) {
  if (field(ref) == nullptr) return;
  selected_ = ref;
  range_.reset();
  range_name_.clear();
}

void Session::clear_selection() {
  selected_.reset();
  range_.reset();
  range_name_.clear();
}

void Session::select_range(const ByteHighlight& range, std::string name) {
  selected_.reset();
  range_ = range;
  range_name_ = std::move(name);
}

void Session::light_steps(std::vector<std::size_t> step_indices, std::string by) {
  lit_steps_ = std::move(step_indices);
  lit_by_ = std::move(by);
}

void Session::clear_lit_steps() {
  lit_steps_.clear();
  lit_by_.clear();
}

bool Session::step_lit(std::size_t step_index) const {
  return std::find(lit_steps_.begin(), lit_steps_.end(), step_index) != lit_steps_.end();
}

bool Session::select_byte(Buffer buffer, std::size_t byte) {
  const auto* fields = roots(buffer);
  if (fields == nullptr) return false;
  auto path = deepest_field_at(*fields, byte);
  if (!path) return false;
  selected_ = FieldRef{buffer, *path};
  range_.reset();
  range_name_.clear();
  ++reveal_serial_;
  return true;
}

std::optional<ByteHighlight> Session::selected_range() const {
  if (range_) return range_;
  if (!selected_) return std::nullopt;
  const Field* selected = field(*selected_);
  if (selected == nullptr) return std::nullopt;
  return ByteHighlight{selected_->buffer, {selected->offset, selected->length}};
}

void Session::begin_frame() {
  hovered_ = std::move(hovered_next_);
  hovered_next_.reset();
}

void Session::hover_field(const FieldRef& ref) {
  if (field(ref) != nullptr) hovered_next_ = ref;
}

void Session::hover_byte(Buffer buffer, std::size_t byte) {
  const auto* fields = roots(buffer);
  if (fields == nullptr) return;
  auto path = deepest_field_at(*fields, byte);
  if (path) hovered_next_ = FieldRef{buffer, *path};
}

std::optional<ByteHighlight> Session::hovered_range() const {
  if (!hovered_) return std::nullopt;
  const Field* hovered = field(*hovered_);
  if (hovered == nullptr) return std::nullopt;
  return ByteHighlight{hovered_->buffer, {hovered->offset, hovered->length}};
}

void Session::toggle_playback() {
  if (!playback_.playing() && cursor_.at_last()) first();
  playback_.toggle();
}

void Session::tick(double dt_seconds) {
  std::size_t steps = playback_.tick(dt_seconds);
  for (std::size_t i = 0; i < steps; ++i) {
    if (next()) continue;
    playback_.set_playing(false);
    break;
  }
  if (playback_.playing() && cursor_.at_last()) playback_.set_playing(false);
}

}  // namespace hl::app
