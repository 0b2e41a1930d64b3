// Anchor checks and lookups: references resolved to typed keys, compared with typed steps.
#include "core/lessons/anchors.hpp"

#include <algorithm>

#include "core/engine/names.hpp"
#include "core/model/record_layer.hpp"
#include "core/wire/names.hpp"

namespace hl {
namespace {

struct SidePrefix {
  std::string_view prefix;
  Side side;
};
constexpr SidePrefix kSidePrefixes[] = {{"client: ", Side::client}, {"server: ", Side::server}, {"mallory: ", Side::attacker}};

// Record types a reference may name by their display name (the engine's record-type table).
constexpr std::uint8_t kNamedRecordTypes[] = {record::kChangeCipherSpec, record::kAlert, record::kApplicationData};

std::optional<std::uint8_t> record_type_named(std::string_view name) {
  for (std::uint8_t type : kNamedRecordTypes)
    if (name == names::record_type(type)) return type;
  return std::nullopt;
}

// "Application Data (GET /)": the unit inside the parentheses, when the reference has that form.
std::optional<std::string_view> app_data_unit(std::string_view name) {
  const std::string prefix = names::record_type(record::kApplicationData) + " (";
  if (name.size() <= prefix.size() + 1 || name.substr(0, prefix.size()) != prefix || name.back() != ')')
    return std::nullopt;
  return name.substr(prefix.size(), name.size() - prefix.size() - 1);
}

std::vector<StepKey> resolve_all(const std::vector<StepAnchor>& anchors) {
  std::vector<StepKey> keys;
  keys.reserve(anchors.size());
  for (const auto& anchor : anchors) keys.push_back(resolve_step_ref(anchor.step));
  return keys;
}

bool occurs(const Transcript& transcript, const StepKey& key) {
  return std::any_of(transcript.steps.begin(), transcript.steps.end(), [&](const Step& s) { return step_matches(s, key); });
}

int anchor_for_step(const std::vector<StepKey>& keys, const Step& step) {
  auto it = std::find_if(keys.begin(), keys.end(), [&](const StepKey& key) { return step_matches(step, key); });
  return it == keys.end() ? -1 : static_cast<int>(it - keys.begin());
}

// "connection 2: ": a step of that connection only (1 to 9).
std::optional<int> take_connection_prefix(std::string_view& ref) {
  constexpr std::string_view kPrefix = "connection ";
  if (ref.size() < kPrefix.size() + 3 || ref.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  const char digit = ref[kPrefix.size()];
  if (digit < '1' || digit > '9' || ref.substr(kPrefix.size() + 1, 2) != ": ") return std::nullopt;
  ref.remove_prefix(kPrefix.size() + 3);
  return digit - '0';
}

}  // namespace

StepKey resolve_step_ref(std::string_view ref) {
  StepKey key;
  key.connection = take_connection_prefix(ref);
  for (const auto& side : kSidePrefixes) {
    if (ref.substr(0, side.prefix.size()) != side.prefix) continue;
    key.side = side.side;
    ref.remove_prefix(side.prefix.size());
  }
  if (auto message = wire::handshake_type_named(ref)) {
    key.what = StepKey::What::handshake;
    key.message = *message;
    return key;
  }
  if (auto type = record_type_named(ref)) {
    key.what = StepKey::What::record_type;
    key.content_type = *type;
    return key;
  }
  key.what = StepKey::What::app_unit;
  auto unit = app_data_unit(ref);
  if (unit) key.content_type = record::kApplicationData;
  key.app_unit = std::string(unit ? *unit : ref);
  return key;
}

bool step_matches(const Step& step, const StepKey& key) {
  if (key.connection && step.connection != *key.connection) return false;
  if (key.side && step.from != *key.side) return false;
  switch (key.what) {
    case StepKey::What::handshake: return step.kind == StepKind::record && carries(step, key.message);
    case StepKey::What::record_type:
      return step.kind == StepKind::record && step.inner_type == key.content_type && step.messages.empty();
    case StepKey::What::app_unit:
      if (step.app_unit != key.app_unit) return false;
      return key.content_type == 0 ? step.kind == StepKind::app_line : step.kind == StepKind::record;
  }
  return false;
}

bool step_matches(const Step& step, std::string_view ref) { return step_matches(step, resolve_step_ref(ref)); }

std::vector<LessonError> validate_anchors(const Lesson& lesson, const Transcript& transcript) {
  std::vector<LessonError> errors;
  for (const auto& anchor : lesson.body.anchors) {
    if (occurs(transcript, resolve_step_ref(anchor.step))) continue;
    errors.push_back({lesson.path, file_line(lesson, anchor.line),
                      "step anchor '" + anchor.step + "' matches no step of this lesson's run"});
  }
  for (const auto& question : lesson.questions) {
    if (question.kind != QuestionKind::predict || occurs(transcript, resolve_step_ref(question.step))) continue;
    errors.push_back({lesson.path, question.line,
                      "question '" + question.id + "' predicts step '" + question.step + "', which never occurs"});
  }
  return errors;
}

int anchor_at_step(const Lesson& lesson, const Transcript& transcript, std::size_t current) {
  if (transcript.steps.empty()) return -1;
  const auto keys = resolve_all(lesson.body.anchors);
  for (std::size_t i = std::min(current, transcript.steps.size() - 1) + 1; i-- > 0;) {
    int anchor = anchor_for_step(keys, transcript.steps[i]);
    if (anchor >= 0) return anchor;
  }
  return -1;
}

StepSection section_at_step(const Lesson& lesson, const Lesson* fallback, const Transcript& transcript,
                            std::size_t current) {
  if (transcript.steps.empty()) return {};
  const auto own_keys = resolve_all(lesson.body.anchors);
  const auto fallback_keys = fallback != nullptr ? resolve_all(fallback->body.anchors) : std::vector<StepKey>{};
  for (std::size_t i = std::min(current, transcript.steps.size() - 1) + 1; i-- > 0;) {
    if (int own = anchor_for_step(own_keys, transcript.steps[i]); own >= 0) return {&lesson, own, false};
    if (int other = anchor_for_step(fallback_keys, transcript.steps[i]); other >= 0) return {fallback, other, true};
  }
  return {};
}

std::vector<std::size_t> questions_before_step(const Lesson& lesson, const Transcript& transcript, std::size_t index) {
  std::vector<std::size_t> asked;
  if (index >= transcript.steps.size()) return asked;
  for (std::size_t q = 0; q < lesson.questions.size(); ++q) {
    const Question& question = lesson.questions[q];
    if (question.kind != QuestionKind::predict) continue;
    const StepKey key = resolve_step_ref(question.step);
    if (!step_matches(transcript.steps[index], key)) continue;
    auto earlier_end = transcript.steps.begin() + static_cast<std::ptrdiff_t>(index);
    bool asked_before = std::any_of(transcript.steps.begin(), earlier_end, [&](const Step& s) { return step_matches(s, key); });
    if (!asked_before) asked.push_back(q);  // asked at the first matching step only
  }
  return asked;
}

}  // namespace hl
