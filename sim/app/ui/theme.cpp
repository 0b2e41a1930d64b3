#include "app/ui/theme.hpp"

#include <algorithm>

namespace hl::app::ui {
namespace {

Palette g_palette;

ImU32 rgb(int r, int g, int b, int a = 255) { return IM_COL32(r, g, b, a); }

void shape_style(ImGuiStyle& style) {
  style.WindowPadding = ImVec2(10, 8);
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(8, 6);
  style.ItemInnerSpacing = ImVec2(6, 4);
  style.CellPadding = ImVec2(6, 3);
  style.IndentSpacing = 18;
  style.ScrollbarSize = 16;
  style.GrabMinSize = 12;
  style.WindowRounding = 0;
  style.ChildRounding = 4;
  style.FrameRounding = 4;
  style.PopupRounding = 4;
  style.TabRounding = 4;
  style.ChildBorderSize = 1;
  style.WindowBorderSize = 0;
}

Palette light_palette() {
  Palette p;
  p.client = rgb(25, 95, 190);
  p.server = rgb(180, 70, 20);
  p.attacker = rgb(150, 30, 150);
  p.lifeline = rgb(150, 150, 160);
  p.current_row = rgb(255, 226, 130);
  p.lock = rgb(120, 90, 0);
  p.note_bg = rgb(238, 240, 246);
  p.note_border = rgb(190, 195, 210);
  p.text = rgb(20, 20, 25);
  p.dim_text = rgb(95, 95, 105);
  p.ok = rgb(20, 130, 50);
  p.bad = rgb(195, 30, 30);
  p.hover_bg = rgb(255, 210, 80);
  p.select_bg = rgb(255, 170, 40);
  p.select_border = rgb(200, 60, 0);
  p.only_here_bg = rgb(232, 224, 255);
  p.only_here_border = rgb(120, 80, 200);
  p.readable = rgb(190, 80, 0);
  p.field = {rgb(214, 230, 255), rgb(222, 245, 214), rgb(255, 228, 214), rgb(240, 222, 255),
             rgb(214, 245, 245), rgb(255, 245, 200), rgb(255, 220, 235), rgb(230, 230, 230)};
  return p;
}

Palette dark_palette() {
  Palette p;
  p.client = rgb(110, 170, 255);
  p.server = rgb(255, 150, 90);
  p.attacker = rgb(225, 130, 255);
  p.lifeline = rgb(110, 110, 125);
  p.current_row = rgb(90, 75, 20);
  p.lock = rgb(240, 200, 80);
  p.note_bg = rgb(44, 48, 60);
  p.note_border = rgb(80, 86, 105);
  p.text = rgb(232, 232, 236);
  p.dim_text = rgb(160, 160, 172);
  p.ok = rgb(110, 215, 120);
  p.bad = rgb(255, 110, 100);
  p.hover_bg = rgb(150, 120, 20);
  p.select_bg = rgb(200, 120, 20);
  p.select_border = rgb(255, 200, 80);
  p.only_here_bg = rgb(58, 44, 92);
  p.only_here_border = rgb(170, 130, 255);
  p.readable = rgb(255, 150, 70);
  p.field = {rgb(35, 55, 95), rgb(35, 75, 45), rgb(90, 50, 35), rgb(70, 45, 95),
             rgb(30, 75, 80), rgb(85, 75, 30), rgb(90, 40, 65), rgb(62, 62, 68)};
  return p;
}

Palette high_contrast_palette() {
  Palette p;
  p.client = rgb(0, 255, 255);
  p.server = rgb(255, 255, 0);
  p.attacker = rgb(255, 80, 255);
  p.lifeline = rgb(255, 255, 255);
  p.current_row = rgb(0, 0, 160);
  p.lock = rgb(255, 255, 0);
  p.note_bg = rgb(0, 0, 0);
  p.note_border = rgb(255, 255, 255);
  p.text = rgb(255, 255, 255);
  p.dim_text = rgb(230, 230, 230);
  p.ok = rgb(0, 255, 0);
  p.bad = rgb(255, 80, 80);
  p.hover_bg = rgb(0, 110, 0);
  p.select_bg = rgb(150, 0, 150);
  p.select_border = rgb(255, 255, 0);
  p.only_here_bg = rgb(70, 0, 90);
  p.only_here_border = rgb(255, 0, 255);
  p.readable = rgb(255, 170, 0);
  p.field = {rgb(0, 0, 0), rgb(40, 40, 40), rgb(0, 0, 0), rgb(40, 40, 40),
             rgb(0, 0, 0), rgb(40, 40, 40), rgb(0, 0, 0), rgb(40, 40, 40)};
  return p;
}

void light_colours(ImGuiStyle& style) {
  ImGui::StyleColorsLight(&style);
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 1);
  c[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_Border] = ImVec4(0.75f, 0.77f, 0.82f, 1);
  c[ImGuiCol_Text] = ImVec4(0.08f, 0.08f, 0.10f, 1);
  c[ImGuiCol_TextDisabled] = ImVec4(0.38f, 0.38f, 0.42f, 1);
  c[ImGuiCol_FrameBg] = ImVec4(0.89f, 0.90f, 0.93f, 1);  // controls must show on white panes
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.80f, 0.86f, 0.96f, 1);
  c[ImGuiCol_CheckMark] = ImVec4(0.10f, 0.37f, 0.75f, 1);
}

void dark_colours(ImGuiStyle& style) {
  ImGui::StyleColorsDark(&style);
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.11f, 0.12f, 0.14f, 1);
  c[ImGuiCol_ChildBg] = ImVec4(0.14f, 0.15f, 0.18f, 1);
  c[ImGuiCol_Border] = ImVec4(0.30f, 0.32f, 0.38f, 1);
  c[ImGuiCol_Text] = ImVec4(0.91f, 0.91f, 0.93f, 1);
  c[ImGuiCol_TextDisabled] = ImVec4(0.63f, 0.63f, 0.67f, 1);
}

void high_contrast_colours(ImGuiStyle& style) {
  ImGui::StyleColorsDark(&style);
  ImVec4* c = style.Colors;
  const ImVec4 black(0, 0, 0, 1), white(1, 1, 1, 1), yellow(1, 1, 0, 1), blue(0, 0, 0.63f, 1);
  c[ImGuiCol_Text] = white;
  c[ImGuiCol_TextDisabled] = ImVec4(0.9f, 0.9f, 0.9f, 1);
  c[ImGuiCol_WindowBg] = black;
  c[ImGuiCol_ChildBg] = black;
  c[ImGuiCol_PopupBg] = black;
  c[ImGuiCol_MenuBarBg] = black;
  c[ImGuiCol_Border] = white;
  c[ImGuiCol_FrameBg] = black;
  c[ImGuiCol_FrameBgHovered] = blue;
  c[ImGuiCol_FrameBgActive] = blue;
  c[ImGuiCol_Button] = black;
  c[ImGuiCol_ButtonHovered] = blue;
  c[ImGuiCol_ButtonActive] = ImVec4(0, 0, 0.85f, 1);
  c[ImGuiCol_Header] = blue;
  c[ImGuiCol_HeaderHovered] = ImVec4(0, 0, 0.8f, 1);
  c[ImGuiCol_HeaderActive] = ImVec4(0, 0, 0.9f, 1);
  c[ImGuiCol_Tab] = black;
  c[ImGuiCol_TabHovered] = blue;
  c[ImGuiCol_TabActive] = blue;
  c[ImGuiCol_CheckMark] = yellow;
  c[ImGuiCol_SliderGrab] = yellow;
  c[ImGuiCol_SliderGrabActive] = yellow;
  c[ImGuiCol_Separator] = white;
  c[ImGuiCol_SeparatorHovered] = yellow;
  c[ImGuiCol_SeparatorActive] = yellow;
  c[ImGuiCol_TableRowBg] = black;
  c[ImGuiCol_TableRowBgAlt] = ImVec4(0.12f, 0.12f, 0.12f, 1);
  c[ImGuiCol_TableBorderStrong] = white;
  c[ImGuiCol_TableBorderLight] = ImVec4(0.6f, 0.6f, 0.6f, 1);
  c[ImGuiCol_NavHighlight] = yellow;
}

struct ThemeRow {
  const char* name;
  void (*colours)(ImGuiStyle&);
  Palette (*palette)();
  bool thick_borders;
};

constexpr ThemeRow kThemes[] = {
    {"light", light_colours, light_palette, false},
    {"dark", dark_colours, dark_palette, false},
    {"high-contrast", high_contrast_colours, high_contrast_palette, true},
};

}  // namespace

const std::vector<std::string>& theme_names() {
  static const std::vector<std::string> names = {kThemes[0].name, kThemes[1].name, kThemes[2].name};
  return names;
}

bool is_theme(const std::string& name) {
  return std::any_of(std::begin(kThemes), std::end(kThemes), [&](const ThemeRow& row) { return name == row.name; });
}

void apply_theme(const std::string& name, float scale) {
  const ThemeRow* row = &kThemes[0];
  for (const auto& candidate : kThemes) {
    if (name == candidate.name) row = &candidate;
  }
  ImGuiStyle style;
  shape_style(style);
  row->colours(style);
  if (row->thick_borders) {
    style.FrameBorderSize = 1;
    style.ChildBorderSize = 2;
  }
  // Panes are drawn by their borders over the one background the renderer clears to: a
  // filled child background per pane would paint most pixels twice, and on a software
  // rasteriser (llvmpipe under Xvfb) fill is what a frame costs.
  style.Colors[ImGuiCol_WindowBg] = style.Colors[ImGuiCol_ChildBg];
  style.Colors[ImGuiCol_ChildBg].w = 0;
  style.ScaleAllSizes(std::max(scale, 0.5f));
  ImGui::GetStyle() = style;
  g_palette = row->palette();
}

const Palette& palette() { return g_palette; }

ImU32 side_colour(Side side) {
  const ImU32 colours[] = {g_palette.client, g_palette.server, g_palette.attacker};
  return colours[static_cast<int>(side)];
}

}  // namespace hl::app::ui
