// [SECTION] Following the lesson and the run
// [SECTION] Predict questions: holding a step back until it is answered
// [SECTION] Drawing
#include "app/views/lesson_view.hpp"

#include <GLFW/glfw3.h>  // key codes: ImGui 1.86 indexes KeysDown by GLFW keys
#include <imgui.h>

#include "app/key_map.hpp"
#include "app/ui/fonts.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"
#include "app/views/lesson_markdown.hpp"
#include "app/views/lesson_state.hpp"
#include "core/lessons/anchors.hpp"
#include "core/lessons/feedback.hpp"
#include "core/lessons/predict.hpp"

namespace hl::app {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

std::string mark_for(const std::string& lesson_id, const void* state) {
  return static_cast<const LessonState*>(state)->progress_mark(lesson_id);
}

void heading(const std::string& text, ImU32 colour) {
  ImGui::PushFont(ui::fonts().heading);
  ui::wrapped_text(text.c_str(), colour);
  ImGui::PopFont();
}

}  // namespace

// [SECTION] Following the lesson and the run -------------------------------------------

void LessonView::follow_lesson(ViewContext& context, const Lesson& lesson) {
  if (lesson_id_ != lesson.id) {
    lesson_id_ = lesson.id;
    pending_.reset();
    picked_.clear();
    user_moved_ = false;
    last_index_ = kNone;
    run_.reset();
    context.session.release_hold();  // the old lesson's question no longer waits
  }
  const RunData* run = context.session.run();
  if (run == nullptr || run->transcript.serial == run_) return;
  // A new run (this lesson's first, or a rerun after a scenario change): positions restart.
  run_ = run->transcript.serial;
  pending_.reset();  // the App puts another lesson's run at its step 1 (App::adopt_run)
  last_index_ = context.session.current_index();
}

// [SECTION] Predict questions ------------------------------------------------------------

std::optional<LessonView::Pending> LessonView::question_after_current(const ViewContext& context,
                                                                       const Lesson& lesson) const {
  const Session& session = context.session;
  const auto& shown = session.shown_steps();
  const std::size_t position = session.cursor().index();
  if (session.cursor().at_last()) return std::nullopt;
  const Transcript& transcript = session.run()->transcript;
  // Steps hidden from the ladder between here and the next shown one count as the next step too.
  for (std::size_t step = shown[position] + 1; step <= shown[position + 1]; ++step) {
    for (std::size_t question : questions_before_step(lesson, transcript, step))
      if (picked_.count(question) == 0) return Pending{question, step};
  }
  return std::nullopt;
}

void LessonView::hold_back_predicted_steps(ViewContext& context, const Lesson& lesson) {
  Session& session = context.session;
  const std::size_t index = session.current_index();
  if (index == kNone) return;
  if (last_index_ != kNone && index != last_index_) user_moved_ = true;
  if (user_moved_) state_->mark_opened(lesson.id);
  last_index_ = index;

  // The step before an unanswered predict question holds Next until it is answered. A hold
  // released elsewhere (N, End, a click in the ladder) is a deliberate skip.
  const bool answered = pending_ && picked_.count(pending_->question) > 0;
  if (pending_ && !answered && session.held_step() != pending_->step) {
    picked_[pending_->question] = kNone;  // skipped: counts as asked, not as answered
    pending_.reset();
  }
  if (pending_ && index >= pending_->step) pending_.reset();  // answered, and now shown
  if (!pending_) pending_ = question_after_current(context, lesson);
  if (!pending_) return;
  if (picked_.count(pending_->question) > 0) {
    if (session.held_step() == pending_->step) session.release_hold();
    return;
  }
  session.hold_before(pending_->step);
  session.playback().set_playing(false);
}

// [SECTION] Drawing ------------------------------------------------------------------------

bool LessonView::step_passed(const ViewContext& context, const Question& question) const {
  const Transcript& transcript = context.session.run()->transcript;
  const std::size_t index = context.session.current_index();
  for (std::size_t i = 0; i <= index && i < transcript.steps.size(); ++i)
    if (step_matches(transcript.steps[i], question.step)) return true;
  return false;
}

void LessonView::follow_link(ViewContext& context, const std::string& link) {
  auto id = lesson_link_id(link);
  if (id.empty()) return;
  if (const Lesson* target = state_->lesson(std::string(id))) open_lesson(context, *target);
}

void LessonView::answer_by_key(const Lesson& lesson, std::size_t index) {
  const Question& question = lesson.questions[index];
  if (picked_.count(index) > 0 || ImGui::GetIO().WantTextInput) return;
  for (std::size_t c = 0; c < question.choices.size() && c < 9; ++c) {
    if (!ImGui::IsKeyPressed(GLFW_KEY_1 + static_cast<int>(c), false)) continue;
    picked_[index] = c;
    if (question.choices[c].correct) state_->mark_correct(lesson.id, question.id);
    return;
  }
}

bool LessonView::draw_choices(const Lesson& lesson, std::size_t index) {
  const Question& question = lesson.questions[index];
  const auto& colours = ui::palette();
  auto picked = picked_.find(index);
  bool answered_right_now = false;
  ImGui::PushID(static_cast<int>(index));
  for (std::size_t c = 0; c < question.choices.size(); ++c) {
    const Choice& choice = question.choices[c];
    const bool is_picked = picked != picked_.end() && picked->second == c;
    ImGui::PushID(static_cast<int>(c));
    const std::string label = std::to_string(c + 1) + "  " + choice.text;
    ImGui::PushTextWrapPos(0);
    if (ImGui::RadioButton("##choice", is_picked)) {
      picked_[index] = c;
      answered_right_now = choice.correct;
    }
    ImGui::SameLine();
    ui::wrapped_text(label.c_str(), is_picked ? (choice.correct ? colours.ok : colours.bad) : colours.text);
    ImGui::PopTextWrapPos();
    if (is_picked) {
      ImGui::Indent();
      ui::wrapped_text(feedback_text(lesson.questions[index], c).c_str(), choice.correct ? colours.ok : colours.bad);
      ImGui::Unindent();
    }
    ImGui::PopID();
  }
  ImGui::PopID();
  if (answered_right_now) state_->mark_correct(lesson.id, question.id);
  return answered_right_now;
}

void LessonView::draw_pending(ViewContext& context, const Lesson& lesson) {
  if (!pending_) return;
  const auto& colours = ui::palette();
  const Question& question = lesson.questions[pending_->question];
  heading("Predict the next message", colours.client);
  ui::wrapped_text(question.prompt.c_str(), colours.text);
  ImGui::Spacing();
  draw_choices(lesson, pending_->question);
  ImGui::Spacing();
  answer_by_key(lesson, pending_->question);
  if (picked_.count(pending_->question) > 0) {
    // The answer key of the handshake flows table: what the protocol allows at this point.
    const std::string next = flow_expectation(context.session.run()->transcript, pending_->step);
    if (!next.empty()) ui::wrapped_text(next.c_str(), colours.text);
    ui::wrapped_text(("Press " + keys_for(Action::next_step) + " to see the real message.").c_str(), colours.dim_text);
  } else {
    const std::string how = "Press 1 to " + std::to_string(question.choices.size()) + " to answer, or " +
                            keys_for(Action::skip_question) + " to skip.";
    ui::wrapped_text(how.c_str(), colours.dim_text);
    if (ImGui::SmallButton("Skip this question")) {
      // Like the skip key: the hold goes, and the next frame counts the question as skipped.
      context.session.release_hold();
      context.session.next();
    }
  }
  ImGui::Separator();
}

void LessonView::draw_step_section(const Lesson& lesson, int anchor, ViewContext& context) {
  if (anchor < 0 || pending_) return;  // while a prediction is open, the next step's text would give it away
  const auto& colours = ui::palette();
  const ImVec2 top = ImGui::GetCursorScreenPos();
  ImGui::Indent(ImGui::GetFontSize() * 0.5f);
  std::string clicked = draw_document(lesson.body, BlockFilter{anchor}, mark_for, state_.get());
  ImGui::Unindent(ImGui::GetFontSize() * 0.5f);
  const float bottom = ImGui::GetCursorScreenPos().y;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(top.x, top.y), ImVec2(top.x + ImGui::GetFontSize() * 0.2f, bottom),
                                            colours.select_border);
  ImGui::Separator();
  if (!clicked.empty()) follow_link(context, clicked);
}

void LessonView::draw_questions(ViewContext& context, const Lesson& lesson) {
  if (lesson.questions.empty()) return;
  const auto& colours = ui::palette();
  const auto progress = state_->progress().lessons.find(lesson.id);
  ImGui::Separator();
  heading("Questions", colours.text);
  for (std::size_t i = 0; i < lesson.questions.size(); ++i) {
    const Question& question = lesson.questions[i];
    // A prediction belongs before its step: list it here once asked, or once its step is passed.
    if (question.kind == QuestionKind::predict && picked_.count(i) == 0 && !step_passed(context, question)) continue;
    const bool right_before = progress != state_->progress().lessons.end() &&
                              progress->second.correct.count(question.id) > 0;
    ImGui::Spacing();
    std::string prompt = std::to_string(i + 1) + ". " + question.prompt;
    if (right_before) prompt += "  \u2713";
    ui::wrapped_text(prompt.c_str(), colours.text);
    draw_choices(lesson, i);
  }
}

void LessonView::drawContent(ViewContext& context) {
  LessonState& state = *state_;
  state.ensure_loaded();
  const auto& colours = ui::palette();
  const Lesson* lesson = state.lesson(context.lesson_id);
  if (lesson == nullptr) {
    ui::wrapped_text(("No lesson '" + context.lesson_id + "' in " + find_lessons_dir().string() + ".").c_str(),
                     colours.bad);
    return;
  }
  follow_lesson(context, *lesson);
  if (context.session.run() == nullptr) return;
  hold_back_predicted_steps(context, *lesson);

  const int anchor = anchor_at_step(*lesson, context.session.run()->transcript, context.session.current_index());
  if (anchor != shown_anchor_) {
    ImGui::SetScrollY(0);  // the step's own text is at the top: bring it into view
    shown_anchor_ = anchor;
  }
  heading(lesson->title, colours.text);
  if (!state.warning().empty()) ui::wrapped_text(state.warning().c_str(), colours.bad);
  ImGui::Separator();
  draw_pending(context, *lesson);
  draw_step_section(*lesson, anchor, context);
  std::string clicked = draw_document(lesson->body, BlockFilter{-1}, mark_for, state_.get(), /*skip_title=*/true);
  if (!clicked.empty()) follow_link(context, clicked);
  draw_questions(context, *lesson);
}

}  // namespace hl::app
