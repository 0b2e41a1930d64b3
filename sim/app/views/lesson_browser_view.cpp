// The browser reads the `ports` lesson's table, so the table a student reads in that lesson
// and the one they pick from are the same data.
#include "app/views/lesson_browser_view.hpp"

#include <imgui.h>

#include <algorithm>

#include "app/ui/fonts.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"
#include "core/lessons/review.hpp"

namespace hl::app {
namespace {

constexpr const char* kModeLabels[] = {"plaintext", "implicit TLS", "STARTTLS"};  // by PortMode

const Block* port_table(const LessonLibrary& library) {
  const Lesson* ports = find_lesson(library, "ports");
  if (ports == nullptr) return nullptr;
  auto it = std::find_if(ports->body.blocks.begin(), ports->body.blocks.end(),
                         [](const Block& b) { return b.kind == BlockKind::table; });
  return it == ports->body.blocks.end() ? nullptr : &*it;
}

void heading(const char* text) { ui::heading_text(text, ui::palette().text); }

// One button per lesson: "993  implicit TLS  ✓ 2/4"; the open lesson is highlighted.
// Returns true when clicked. Buttons after the first of a row flow left to right and wrap.
bool lesson_button(const LessonState& state, const Lesson& lesson, bool current, bool first_in_row) {
  std::string label = (lesson.port ? std::to_string(*lesson.port) : lesson.id) + "  " +
                      kModeLabels[static_cast<int>(lesson.mode)];
  std::string mark = state.progress_mark(lesson.id);
  if (!mark.empty()) label += "  " + mark;
  label += "##" + lesson.id;
  const ImVec2 size = ImGui::CalcTextSize(label.c_str(), nullptr, true);
  const float width = size.x + ImGui::GetStyle().FramePadding.x * 2;
  const float line_end = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (!first_in_row && ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width < line_end) ImGui::SameLine();
  if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
  bool clicked = ImGui::Button(label.c_str());
  if (current) ImGui::PopStyleColor();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", lesson.title.c_str());
  return clicked;
}

// A body row of the port table: service, plaintext port cell, secure port cell, purpose.
const Lesson* draw_row(const LessonState& state, const TableRow& row, const std::string& current) {
  if (row.header || row.cells.size() < 4) return nullptr;
  const Lesson* clicked = nullptr;
  ImGui::Spacing();
  ImGui::PushFont(ui::fonts().heading);
  ImGui::TextUnformatted(plain_text(row.cells[0]).c_str());
  ImGui::PopFont();
  bool first = true;
  for (std::size_t column = 1; column <= 2; ++column) {
    for (const Span& span : row.cells[column]) {
      const Lesson* lesson = state.lesson(std::string(lesson_link_id(span.link)));
      if (lesson == nullptr) continue;
      if (lesson_button(state, *lesson, lesson->id == current, first)) clicked = lesson;
      first = false;
    }
  }
  ui::wrapped_text(plain_text(row.cells[3]).c_str(), ui::palette().dim_text);
  return clicked;
}

const Lesson* draw_topics(const LessonState& state, const std::string& current) {
  const Lesson* clicked = nullptr;
  for (const Lesson& lesson : state.library().lessons) {
    if (lesson.port) continue;
    std::string label = lesson.title;
    std::string mark = state.progress_mark(lesson.id);
    if (!mark.empty()) label += "   " + mark;
    ImGui::PushID(lesson.id.c_str());
    if (ImGui::Selectable(label.c_str(), lesson.id == current)) clicked = &lesson;
    ImGui::PopID();
  }
  return clicked;
}

// "Review what you missed": each question missed at the first try, newest trouble first.
const Lesson* draw_review(const LessonState& state) {
  const auto missed = questions_to_review(state.library(), state.progress());
  if (missed.empty()) return nullptr;
  ImGui::Spacing();
  ImGui::Separator();
  heading("Review what you missed");
  const Lesson* clicked = nullptr;
  for (const MissedQuestion& item : missed) {
    const Question& question = item.lesson->questions[item.question];
    const std::string label = item.lesson->title + ": " + question.prompt + "  (" + outcome_name(item.outcome) + ")";
    ImGui::Bullet();
    ui::wrapped_text(label.c_str(), item.outcome == AnswerOutcome::not_yet ? ui::palette().bad : ui::palette().text);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Click to open %s", item.lesson->title.c_str());
    if (ImGui::IsItemClicked()) clicked = item.lesson;
  }
  return clicked;
}

// The teacher's reset, asked for from the Progress menu: confirm first, it cannot be undone.
void confirm_reset(LessonState& state, ViewContext& context) {
  constexpr const char* kPopup = "Reset progress?";
  if (context.reset_progress_asked) {
    context.reset_progress_asked = false;
    ImGui::OpenPopup(kPopup);
  }
  if (!ImGui::BeginPopupModal(kPopup, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextUnformatted("Forget every lesson's opened mark and answers, for the next student?");
  if (ImGui::Button("Reset progress")) {
    state.reset_progress();
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace

void LessonBrowserView::drawContent(ViewContext& context) {
  LessonState& state = *state_;
  state.ensure_loaded();
  const auto& colours = ui::palette();
  heading("Ports");
  ui::wrapped_text("Pick a port to step through its real dialogue. \u2713 opened, n/m questions answered right at the first try.",
                   colours.dim_text);
  const Lesson* clicked = nullptr;
  const Block* table = port_table(state.library());
  if (table == nullptr) ui::wrapped_text("The 'ports' lesson with the port table did not load.", colours.bad);
  for (std::size_t i = 0; table != nullptr && i < table->rows.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    if (const Lesson* hit = draw_row(state, table->rows[i], context.lesson_id)) clicked = hit;
    ImGui::PopID();
  }
  ImGui::Spacing();
  ImGui::Separator();
  heading("Topics");
  if (const Lesson* hit = draw_topics(state, context.lesson_id)) clicked = hit;
  if (const Lesson* hit = draw_review(state)) clicked = hit;
  confirm_reset(state, context);
  if (!state.warning().empty()) ui::wrapped_text(state.warning().c_str(), colours.bad);
  if (clicked != nullptr) open_lesson(context, *clicked);
}

}  // namespace hl::app
