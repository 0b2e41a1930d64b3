// [SECTION] Following the lesson and the run
// [SECTION] Predict questions: holding a step back until it is answered
// [SECTION] Drawing
#include "app/views/lesson_view.hpp"

#include <GLFW/glfw3.h>  // key codes: ImGui 1.86 indexes KeysDown by GLFW keys
#include <imgui.h>

#include <algorithm>

#include "app/key_map.hpp"
#include "app/ui/fonts.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"
#include "app/views/lesson_markdown.hpp"
#include "app/views/lesson_state.hpp"
#include "app/window.hpp"
#include "core/lessons/anchors.hpp"
#include "core/lessons/choice_order.hpp"
#include "core/lessons/feedback.hpp"
#include "core/lessons/predict.hpp"
#include "core/lessons/review.hpp"

namespace hl::app {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);
constexpr const char* kFallbackLesson = "handshake";  // whose step sections port lessons borrow

std::string mark_for(const std::string& lesson_id, const void* state) {
  return static_cast<const LessonState*>(state)->progress_mark(lesson_id);
}

void heading(const std::string& text, ImU32 colour) { ui::heading_text(text, colour); }

}  // namespace

// [SECTION] Following the lesson and the run -------------------------------------------

void LessonView::follow_lesson(ViewContext& context, const Lesson& lesson) {
  if (lesson_id_ != lesson.id) {
    lesson_id_ = lesson.id;
    pending_.reset();
    picked_.clear();
    key_focus_ = kNone;
    num_listed_ = 0;
    user_moved_ = false;
    last_index_ = kNone;
    run_.reset();
    context.session.release_hold();  // the old lesson's question no longer waits
    // The lesson's own pane (the key schedule), unless something else (screenshot --view) asked first.
    if (!lesson.view.empty() && context.bring_to_front.empty()) context.bring_to_front = view_title_for(lesson.view);
    // A lesson with a [compare] table opens in the compare view (unless another comparison, screenshot
    // --compare or the learner's own, is open); leaving it closes the comparison it opened.
    if (!lesson.compare.empty() && (!context.compare.active() || !context.compare_lesson.empty())) {
      context.compare_wanted = ScenarioOverrides(lesson.compare.begin(), lesson.compare.end());
      context.compare_lesson = lesson.id;
    } else if (lesson.compare.empty() && !context.compare_lesson.empty()) {
      context.compare_wanted = ScenarioOverrides{};
    }
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

bool LessonView::answer_by_key(const Lesson& lesson, std::size_t index) {
  const Question& question = lesson.questions[index];
  if (ImGui::GetIO().WantTextInput) return false;
  const std::vector<std::size_t> order = choice_order(lesson, question);  // key N picks the N-th choice shown
  // A pick can be changed, by key as by mouse, until its step is shown; the progress file keeps the
  // first try, so changing a prediction never turns a wrong guess into a first-try right one.
  for (std::size_t shown = 0; shown < order.size() && shown < 9; ++shown) {
    if (!ImGui::IsKeyPressed(GLFW_KEY_1 + static_cast<int>(shown), false)) continue;
    const std::size_t c = order[shown];
    picked_[index] = c;
    state_->mark_answer(lesson, index, c);
    return true;
  }
  return false;
}

bool LessonView::answered(std::size_t question) const {
  auto it = picked_.find(question);
  return it != picked_.end() && it->second != kNone;  // kNone: a skipped prediction, still open to answer
}

bool LessonView::enter_pressed() {
  if (ImGui::GetIO().WantTextInput) return false;
  return ImGui::IsKeyPressed(GLFW_KEY_ENTER, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_ENTER, false);
}

bool LessonView::draw_choices(const Lesson& lesson, std::size_t index) {
  const Question& question = lesson.questions[index];
  const auto& colours = ui::palette();
  auto picked = picked_.find(index);
  bool answered_right_now = false;
  ImGui::PushID(static_cast<int>(index));
  // Shown in the handout's order, not the file's (which puts the right answer first); picked_
  // and the progress file keep the choice itself, so the order never changes what was recorded.
  const std::vector<std::size_t> order = choice_order(lesson, question);
  for (std::size_t shown = 0; shown < order.size(); ++shown) {
    const std::size_t c = order[shown];
    const Choice& choice = question.choices[c];
    const bool is_picked = picked != picked_.end() && picked->second == c;
    ImGui::PushID(static_cast<int>(c));
    const std::string label = std::to_string(shown + 1) + "  " + choice.text;
    ImGui::PushTextWrapPos(0);
    if (ImGui::RadioButton("##choice", is_picked)) {
      picked_[index] = c;
      state_->mark_answer(lesson, index, c);
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
    ui::wrapped_text(("Press Enter or " + keys_for(Action::next_step) + " to see the real message.").c_str(),
                     colours.dim_text);
    if (enter_pressed() && context.session.held_step() != pending_->step) context.session.next();
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

void LessonView::draw_step_section(const StepSection& section, ViewContext& context) {
  if (section.lesson == nullptr || pending_) return;  // while a prediction is open, the next step's text would give it away
  const auto& colours = ui::palette();
  const ImVec2 top = ImGui::GetCursorScreenPos();
  ImGui::Indent(ImGui::GetFontSize() * 0.5f);
  if (section.from_fallback)  // the port lesson says nothing about this step: borrowed text, and we say so
    ui::wrapped_text(("From the " + section.lesson->id + " lesson:").c_str(), colours.dim_text);
  std::string clicked = draw_document(section.lesson->body, BlockFilter{section.anchor}, mark_for, state_.get());
  ImGui::Unindent(ImGui::GetFontSize() * 0.5f);
  const float bottom = ImGui::GetCursorScreenPos().y;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(top.x, top.y), ImVec2(top.x + ImGui::GetFontSize() * 0.2f, bottom),
                                            colours.select_border);
  ImGui::Separator();
  if (!clicked.empty()) follow_link(context, clicked);
}

std::vector<std::size_t> LessonView::listed_questions(const ViewContext& context, const Lesson& lesson) const {
  std::vector<std::size_t> listed;
  for (std::size_t i = 0; i < lesson.questions.size(); ++i) {
    const Question& question = lesson.questions[i];
    // A prediction belongs before its step: list it here once asked, or once its step is passed.
    if (question.kind == QuestionKind::predict && picked_.count(i) == 0 && !step_passed(context, question)) continue;
    listed.push_back(i);
  }
  return listed;
}

void LessonView::move_key_focus(const std::vector<std::size_t>& listed) {
  // The keys answer one question at a time: the first listed one not answered in this
  // session, until Enter moves on to the next listed one.
  // A question newly listed before an unanswered focus (a prediction whose step has passed) takes it.
  const bool focus_listed = std::find(listed.begin(), listed.end(), key_focus_) != listed.end();
  const bool list_changed = listed.size() != num_listed_;
  num_listed_ = listed.size();
  if (!focus_listed || (list_changed && !answered(key_focus_))) {
    auto open = std::find_if(listed.begin(), listed.end(), [&](std::size_t q) { return !answered(q); });
    key_focus_ = open != listed.end() ? *open : kNone;  // no scrolling: the step's text stays in view
  }
  if (pending_ || key_focus_ == kNone || !enter_pressed()) return;
  auto here = std::find(listed.begin(), listed.end(), key_focus_);
  if (here + 1 == listed.end()) return;
  key_focus_ = *(here + 1);
  focus_moved_ = true;
}

void LessonView::draw_questions(ViewContext& context, const Lesson& lesson) {
  if (lesson.questions.empty()) return;
  const auto& colours = ui::palette();
  const std::vector<std::size_t> listed = listed_questions(context, lesson);
  move_key_focus(listed);
  ImGui::Separator();
  heading("Questions", colours.text);
  for (std::size_t i : listed) {
    const Question& question = lesson.questions[i];
    const bool focused = i == key_focus_ && !pending_;
    ImGui::Spacing();
    if (focused && answer_by_key(lesson, i)) focus_moved_ = true;
    if (focused && focus_moved_) {
      ImGui::SetScrollHereY(0.2f);  // a question reached by Enter, or answered by a key, comes into view
      focus_moved_ = false;
    }
    std::string prompt = std::to_string(i + 1) + ". " + question.prompt;
    const AnswerOutcome outcome = answer_outcome(state_->progress(), lesson.id, question.id);
    if (outcome != AnswerOutcome::unanswered) prompt += std::string("  (") + outcome_name(outcome) + ")";
    ui::wrapped_text(prompt.c_str(), focused ? colours.client : colours.text);
    draw_choices(lesson, i);
    if (focused) {
      const std::string how = "Keys: 1 to " + std::to_string(question.choices.size()) + " answer" +
                              (i != listed.back() ? ", Enter goes to the next question." : ".");
      ui::wrapped_text(how.c_str(), colours.dim_text);
    }
  }
}

void LessonView::draw_summary(const ViewContext& context, const Lesson& lesson) {
  // The end of the lesson: how the answers went, so the student knows what to look at again.
  if (lesson.questions.empty() || pending_ || !context.session.cursor().at_last()) return;
  const auto& colours = ui::palette();
  const AnswerSummary summary = summarize_answers(lesson, state_->progress());
  heading("Your answers", colours.text);
  ui::wrapped_text(summary_line(summary).c_str(), colours.text);
  const std::pair<const std::vector<std::size_t>*, AnswerOutcome> groups[] = {
      {&summary.not_yet, AnswerOutcome::not_yet}, {&summary.later, AnswerOutcome::later},
      {&summary.unanswered, AnswerOutcome::unanswered}};
  for (const auto& [questions, outcome] : groups) {
    for (std::size_t q : *questions) {
      const std::string line = std::to_string(q + 1) + ". " + lesson.questions[q].prompt + " (" + outcome_name(outcome) + ")";
      ImGui::Bullet();
      ui::wrapped_text(line.c_str(), outcome == AnswerOutcome::not_yet ? colours.bad : colours.dim_text);
    }
  }
  ImGui::Separator();
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
  const bool capture = context.session.run()->transcript.capture.has_value();
  if (capture) {
    // A capture is not the lesson's run: its questions wait for that run instead of holding Next here.
    if (context.session.held_step()) context.session.release_hold();
    ui::wrapped_text("A capture, not this lesson's run: its questions wait for the run (File menu).", colours.dim_text);
  } else {
    hold_back_predicted_steps(context, *lesson);
  }

  // Port lessons borrow the handshake lesson's section for a step type they do not cover.
  const Lesson* fallback = lesson->port && lesson->id != kFallbackLesson ? state.lesson(kFallbackLesson) : nullptr;
  const StepSection section =
      section_at_step(*lesson, fallback, context.session.run()->transcript, context.session.current_index());
  if (std::pair{section.lesson, section.anchor} != shown_section_) {
    ImGui::SetScrollY(0);  // the step's own text is at the top: bring it into view
    shown_section_ = {section.lesson, section.anchor};
  }
  heading(lesson->title, colours.text);
  if (!state.warning().empty()) ui::wrapped_text(state.warning().c_str(), colours.bad);
  ImGui::Separator();
  draw_pending(context, *lesson);
  draw_step_section(section, context);
  draw_summary(context, *lesson);
  std::string clicked = draw_document(lesson->body, BlockFilter{-1}, mark_for, state_.get(), /*skip_title=*/true);
  if (!clicked.empty()) follow_link(context, clicked);
  draw_questions(context, *lesson);
}

}  // namespace hl::app
