// Binding a declared scenario key (a Field of schema.cpp) to the member of the Scenario it fills,
// so the key, its type, unit, default, range and help and its destination are one declaration:
//
//   {"servers", "integer", "1", "[1, 10000]", "Servers.", "2", {}, member<&Stage::servers>()},
//   {"from", "date", nullptr, "", "First date.", "2025-01-28", {},
//    member<&Closure::dates, &DateRange::from>()},            // a member of a member
//   {"direction", "choice", "both", "", "...", "inbound", {...},
//    setter<&set_stage_serves>()},                            // one key, two members
//
// The generic reader (detail::read_params in loader_section.hpp) reads every key of a section
// that has such a fill, through the typed getters of detail::Section (so a value is checked
// against the declared type, range and allowed values, and an absent key takes the declared
// default); the member's C++ type and the Field's type pick the getter. `by_hand("why")` marks
// a key that loader code reads because its meaning needs other keys.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <typeinfo>

#include "models/schema.hpp"
#include "sim/distributions.hpp"

namespace models {

namespace detail {

// The typed reads (loader_section.cpp). Absent keys take the Field's default; std::logic_error
// when the Field's type does not fit the member's (a declaration error, caught by the tests).
void read_value(const Section& s, const Field& f, int& v);            // integer (count), choice
void read_value(const Section& s, const Field& f, long& v);           // date
void read_value(const Section& s, const Field& f, double& v);         // any unit, real, time
void read_value(const Section& s, const Field& f, bool& v);           // bool, choice (code != 0)
void read_value(const Section& s, const Field& f, std::string& v);    // id, string, choice
void read_value(const Section& s, const Field& f, std::uint64_t& v);  // integer (>= 0)
void read_value(const Section& s, const Field& f, sim::Distribution& v);
void read_value(const Section& s, const Field& f, std::optional<sim::Distribution>& v);
int read_code(const Section& s, const Field& f);  // a choice's code
template <class E>
requires std::is_enum_v<E>
void read_value(const Section& s, const Field& f, E& v) {
  v = static_cast<E>(read_code(s, f));
}

template <class M>
struct member_of;
template <class C, class V>
struct member_of<V C::*> {
  using owner = C;
};
template <class F>
struct setter_of;
template <class T, class V>
struct setter_of<void (*)(T&, V)> {
  using owner = T;
  using value = std::remove_cvref_t<V>;
};

template <auto P, auto... Ps, class O>
auto& follow(O& obj) {
  if constexpr (sizeof...(Ps) == 0)
    return obj.*P;
  else
    return follow<Ps...>(obj.*P);
}

template <class V>
bool same_value(const V& a, const V& b) {
  return a == b;
}
inline bool same_value(const sim::Distribution& a, const sim::Distribution& b) {
  return a.describe() == b.describe();
}
inline bool same_value(const std::optional<sim::Distribution>& a,
                       const std::optional<sim::Distribution>& b) {
  return a.has_value() == b.has_value() && (!a || same_value(*a, *b));
}

template <auto P, auto... Ps>
void read_member(const Section& s, const Field& f, void* obj) {
  using T = typename member_of<decltype(P)>::owner;
  read_value(s, f, follow<P, Ps...>(*static_cast<T*>(obj)));
}

template <auto P, auto... Ps>
bool same_member(const void* a, const void* b) {
  using T = typename member_of<decltype(P)>::owner;
  return same_value(follow<P, Ps...>(*static_cast<T*>(const_cast<void*>(a))),
                    follow<P, Ps...>(*static_cast<T*>(const_cast<void*>(b))));
}

template <auto F>
void read_setter(const Section& s, const Field& f, void* obj) {
  using S = setter_of<decltype(F)>;
  typename S::value v{};
  read_value(s, f, v);
  F(*static_cast<typename S::owner*>(obj), v);
}

}  // namespace detail

// The key fills the member reached by the member pointers P, Ps... from the section's struct.
template <auto P, auto... Ps>
Fill member() {
  using T = typename detail::member_of<decltype(P)>::owner;
  return Fill{&typeid(T), &detail::read_member<P, Ps...>, &detail::same_member<P, Ps...>, nullptr};
}

// The key's value (read as the setter's value type) is given to F(struct&, value): one key that
// fills several members (a stage's `direction` sets `outbound` and `inbound`).
template <auto F>
Fill setter() {
  using S = detail::setter_of<decltype(F)>;
  return Fill{&typeid(typename S::owner), &detail::read_setter<F>, nullptr, nullptr};
}

// Read by loader code, because its meaning needs other keys; `why` says which.
inline Fill by_hand(const char* why) {
  Fill f;
  f.by_hand = why;
  return f;
}

}  // namespace models
