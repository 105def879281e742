package io.custody.awslocal.policy;

/** IAM glob matching: {@code *} is any run of characters (including none), {@code ?} is one character. */
final class Wildcard {

    private Wildcard() {
    }

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        String p = ignoreCase ? pattern.toLowerCase(java.util.Locale.ROOT) : pattern;
        String v = ignoreCase ? value.toLowerCase(java.util.Locale.ROOT) : value;
        int pi = 0;
        int vi = 0;
        int starAt = -1;
        int matchedAtStar = 0;
        while (vi < v.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == v.charAt(vi))) {
                pi++;
                vi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                starAt = pi++;
                matchedAtStar = vi;
            } else if (starAt >= 0) {
                pi = starAt + 1;
                vi = ++matchedAtStar;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
