// The lesson pane: the lesson's text with the section anchored to the current step on top,
// "predict the next message" questions asked before their step is shown, and the lesson's
// multiple-choice questions with feedback. Progress is saved as the learner goes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/views/lesson_state.hpp"
#include "app/views/view.hpp"
#include "core/lessons/anchors.hpp"
#include "core/lessons/lesson.hpp"

namespace hl::app {

class LessonView : public View {
 public:
  /// state: shared with the lesson browser (make_views()).
  explicit LessonView(std::shared_ptr<LessonState> state) : View("Lesson", Slot::lesson, true), state_(std::move(state)) {}

 protected:
  void drawContent(ViewContext& context) override;

 private:
  /// A predict question waiting for its answer; its step is held back until then.
  struct Pending {
    std::size_t question = 0;
    std::size_t step = 0;  // transcript index of the step it asks about
  };

  void follow_lesson(ViewContext& context, const Lesson& lesson);
  void hold_back_predicted_steps(ViewContext& context, const Lesson& lesson);
  /// The first unasked predict question about the next shown step, if any.
  std::optional<Pending> question_after_current(const ViewContext& context, const Lesson& lesson) const;
  void draw_step_section(const StepSection& section, ViewContext& context);
  void draw_pending(ViewContext& context, const Lesson& lesson);
  void draw_questions(ViewContext& context, const Lesson& lesson);
  /// Keys 1..9 answer a question (the classroom needs no mouse); true when one did now.
  bool answer_by_key(const Lesson& lesson, std::size_t index);
  /// Whether a choice was picked for the question in this session (a skipped prediction was not).
  bool answered(std::size_t question) const;
  /// Enter (or keypad Enter) this frame, unless a text field has the keyboard.
  static bool enter_pressed();
  /// The questions the Questions list shows now, in lesson order.
  std::vector<std::size_t> listed_questions(const ViewContext& context, const Lesson& lesson) const;
  /// Which listed question the number keys answer; Enter moves to the next one.
  void move_key_focus(const std::vector<std::size_t>& listed);
  /// At the last step: the answers right on first try, later, not yet.
  void draw_summary(const ViewContext& context, const Lesson& lesson);
  /// Draws one question's choices and feedback; returns true when it was answered right now.
  bool draw_choices(const Lesson& lesson, std::size_t index);
  void follow_link(ViewContext& context, const std::string& link);
  /// True when the current step is at or past the first step the question predicts.
  bool step_passed(const ViewContext& context, const Question& question) const;

  std::shared_ptr<LessonState> state_;
  std::string lesson_id_;              // the lesson the state below belongs to
  std::optional<std::uint64_t> run_;   // Transcript::serial of the run the step positions below belong to
  std::size_t last_index_ = static_cast<std::size_t>(-1);     // transcript index seen last frame
  bool user_moved_ = false;            // the learner has stepped: the lesson counts as opened
  std::optional<Pending> pending_;
  std::map<std::size_t, std::size_t> picked_;  // question index -> choice index picked this session
  std::size_t key_focus_ = static_cast<std::size_t>(-1);  // the question the number keys answer
  std::size_t num_listed_ = 0;         // questions listed last frame: a change may move the key focus
  bool focus_moved_ = false;           // scroll the focused question into view once
  std::pair<const Lesson*, int> shown_section_{nullptr, -2};  // to scroll back to the top when the step's section changes
};

}  // namespace hl::app
