package io.usage4j.provider.other;

/** Stands for a class of another provider plugin. */
public final class OtherProviderHelper {
    private OtherProviderHelper() {}

    /** A value another provider computes. */
    public static String accountPrefix() {
        return "other-";
    }
}
