#include "app/ui/layout_probe.hpp"

#include <algorithm>

#include <imgui_internal.h>  // the current window's clip rectangle

namespace hl::app::ui {
namespace {

bool g_on = false;
std::vector<ProbedText> g_texts;

}  // namespace

void start_layout_probe() {
  g_texts.clear();
  g_on = true;
}

std::vector<ProbedText> take_layout_probe() {
  g_on = false;
  return std::move(g_texts);
}

bool layout_probe_on() { return g_on; }

void probe_text(std::string_view group, ImVec2 min, ImVec2 max, std::string_view text) {
  if (!g_on) return;
  const ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
  g_texts.push_back({std::string(group), std::string(text), min, max, clip.Min, clip.Max});
}

void probe_text(std::string_view group, ImVec2 min, ImVec2 max, std::string_view text, ImVec2 clip_min, ImVec2 clip_max) {
  if (!g_on) return;
  const ImRect window = ImGui::GetCurrentWindow()->ClipRect;
  const ImVec2 lo(std::max(clip_min.x, window.Min.x), std::max(clip_min.y, window.Min.y));
  const ImVec2 hi(std::min(clip_max.x, window.Max.x), std::min(clip_max.y, window.Max.y));
  g_texts.push_back({std::string(group), std::string(text), min, max, lo, hi});
}

void probe_last_item(std::string_view group, std::string_view text) {
  if (!g_on) return;
  probe_text(group, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), text);
}

}  // namespace hl::app::ui
