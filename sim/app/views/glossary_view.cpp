#include "app/views/glossary_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>

#include "app/ui/fonts.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"
#include "core/lessons/glossary.hpp"

namespace hl::app {
namespace {

bool contains_any_case(std::string_view text, const std::string& needle) {
  auto same = [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); };
  return std::search(text.begin(), text.end(), needle.begin(), needle.end(), same) != text.end();
}

}  // namespace

void GlossaryView::drawContent(ViewContext&) {
  const auto& colours = ui::palette();
  ui::wrapped_text("Words the lessons use. In the lesson text, a dotted underline marks a glossary term: rest the "
                   "pointer on it to read this.",
                   colours.dim_text);
  char buffer[64] = {};
  filter_.copy(buffer, sizeof buffer - 1);
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 16));
  if (ImGui::InputTextWithHint("##glossary-filter", "Find a term", buffer, sizeof buffer)) filter_ = buffer;
  for (const GlossaryEntry& entry : glossary()) {
    if (!filter_.empty() && !contains_any_case(entry.term, filter_) && !contains_any_case(entry.definition, filter_))
      continue;
    ImGui::Spacing();
    ImGui::PushFont(ui::fonts().heading);
    ui::wrapped_text(std::string(entry.term).c_str(), colours.text);
    ImGui::PopFont();
    ui::wrapped_text(std::string(entry.definition).c_str(), colours.text);
  }
}

}  // namespace hl::app
