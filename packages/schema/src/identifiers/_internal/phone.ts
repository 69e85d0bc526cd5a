// Area codes: 010 and 02x are followed by 8-digit numbers, the 4-digit ones (03xx-09xx) by 7 or 8.
// A local number never starts with 0 or 1 (those are trunk and service prefixes).
export const LANDLINE = /^(?:0(?:10|2\d)-?[2-9]\d{7}|0[3-9]\d{2}-?[2-9]\d{6,7})(?:-\d{1,6})?$/;

// 1 then 3-9: the second digit of every mobile segment issued so far.
export const MOBILE = /^1[3-9]\d{9}$/;
