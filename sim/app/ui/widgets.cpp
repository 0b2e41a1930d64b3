#include "app/ui/widgets.hpp"

#include <algorithm>

#include "app/identifier_break.hpp"
#include "app/ui/fonts.hpp"
#include "core/lessons/glossary.hpp"

namespace hl::app::ui {

bool splitter(const char* id, bool vertical, float thickness, float total, float& fraction, float min_fraction) {
  ImVec2 size = vertical ? ImVec2(thickness, ImGui::GetContentRegionAvail().y)
                         : ImVec2(ImGui::GetContentRegionAvail().x, thickness);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size);
  const bool active = ImGui::IsItemActive();
  const bool hovered = ImGui::IsItemHovered();
  if (hovered || active) ImGui::SetMouseCursor(vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
  if (active && total > 0) {
    float delta = vertical ? ImGui::GetIO().MouseDelta.x : ImGui::GetIO().MouseDelta.y;
    fraction = std::clamp(fraction + delta / total, min_fraction, 1.0f - min_fraction);
  }
  ImU32 colour = ImGui::GetColorU32(active ? ImGuiCol_SeparatorActive
                                           : hovered ? ImGuiCol_SeparatorHovered : ImGuiCol_Separator);
  ImVec2 centre(pos.x + size.x * 0.5f, pos.y + size.y * 0.5f);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  // A short grip in the middle: visible enough to find, quiet enough not to distract.
  float grip = std::min(vertical ? size.y : size.x, thickness * 12);
  if (vertical) {
    draw->AddLine(ImVec2(centre.x, centre.y - grip / 2), ImVec2(centre.x, centre.y + grip / 2), colour, 3);
  } else {
    draw->AddLine(ImVec2(centre.x - grip / 2, centre.y), ImVec2(centre.x + grip / 2, centre.y), colour, 3);
  }
  return active;
}

void draw_lock(ImDrawList* draw, ImVec2 pos, float size, ImU32 colour) {
  const float body_top = pos.y + size * 0.45f;
  const float width = size * 0.8f;
  const float shackle_r = width * 0.32f;
  const ImVec2 shackle_centre(pos.x + width / 2, body_top);
  draw->PathArcTo(shackle_centre, shackle_r, 3.14159f, 2 * 3.14159f, 10);
  draw->PathStroke(colour, 0, std::max(1.5f, size * 0.12f));
  draw->AddRectFilled(ImVec2(pos.x, body_top), ImVec2(pos.x + width, pos.y + size), colour, size * 0.12f);
}

void help_marker(const char* text) {
  ImGui::TextDisabled("(?)");
  if (!ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void wrapped_text(const char* text, ImU32 colour) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

void heading_text(const std::string& text, ImU32 colour) {
  ImGui::PushFont(fonts().heading);
  float widest = 0;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    widest = std::max(widest, ImGui::CalcTextSize(text.c_str() + start, text.c_str() + end).x);
    start = end + 1;
  }
  const float room = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x;  // clear of the scroll bar
  const float scale = widest > room && widest > 0 ? std::max(0.5f, room / widest) : 1.0f;
  ImGui::SetWindowFontScale(scale);  // "Submission" whole on a smaller line, never "Submissio / n"
  wrapped_text(text.c_str(), colour);
  ImGui::SetWindowFontScale(1.0f);
  ImGui::PopFont();
}

void value_text(const std::string& text, ImU32 colour) {
  const float width = std::max(1.0f, ImGui::GetContentRegionAvail().x);
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  if (ImGui::CalcTextSize(text.c_str()).x <= width) {  // the common case: one line, nothing measured twice
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    return;
  }
  auto measure = [](const std::string& piece) { return ImGui::CalcTextSize(piece.c_str()).x; };
  bool cut = false;
  ImGui::BeginGroup();
  for (const std::string& line : value_lines(text, width, measure)) {
    const bool fits = measure(line) <= width;
    cut = cut || !fits;
    ImGui::TextUnformatted(fits ? line.c_str() : ellipsized(line, width).c_str());
  }
  ImGui::EndGroup();
  ImGui::PopStyleColor();
  if (cut && ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

std::string ellipsized(const std::string& text, float width, ImFont* font, float size) {
  if (font == nullptr) font = ImGui::GetFont();
  if (size <= 0) size = ImGui::GetFontSize();
  const auto text_width = [&](const char* begin, const char* end) { return font->CalcTextSizeA(size, 1e9f, 0, begin, end).x; };
  if (text_width(text.c_str(), text.c_str() + text.size()) <= width) return text;
  constexpr const char* kEllipsis = "\u2026";
  const float room = width - text_width(kEllipsis, nullptr);
  if (room <= 0) return {};
  const char* end = text.c_str();
  font->CalcTextSizeA(size, room, 0, text.c_str(), text.c_str() + text.size(), &end);
  std::string head(text.c_str(), end);
  while (!head.empty() && head.back() == ' ') head.pop_back();
  return head + kEllipsis;
}

void glossary_tooltip(const std::vector<const GlossaryEntry*>& entries) {
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
  for (const GlossaryEntry* entry : entries) {
    ImGui::TextUnformatted(entry->term.data(), entry->term.data() + entry->term.size());
    ImGui::Separator();
    ImGui::TextUnformatted(entry->definition.data(), entry->definition.data() + entry->definition.size());
  }
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void glossary_tooltip(std::string_view text) {
  if (!ImGui::IsItemHovered()) return;
  std::vector<const GlossaryEntry*> entries;
  for (const auto& hit : find_glossary_terms(text))
    if (std::find(entries.begin(), entries.end(), hit.entry) == entries.end()) entries.push_back(hit.entry);
  if (!entries.empty()) glossary_tooltip(entries);
}

}  // namespace hl::app::ui
