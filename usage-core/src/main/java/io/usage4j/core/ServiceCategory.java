package io.usage4j.core;

import io.usage4j.core.internal.FocusValues;

/** FOCUS ServiceCategory: the highest-level classification of a service. */
public enum ServiceCategory implements FocusValue {
    AI_AND_MACHINE_LEARNING("AI and Machine Learning"),
    ANALYTICS("Analytics"),
    BUSINESS_APPLICATIONS("Business Applications"),
    COMPUTE("Compute"),
    DATABASES("Databases"),
    DEVELOPER_TOOLS("Developer Tools"),
    MULTICLOUD("Multicloud"),
    IDENTITY("Identity"),
    INTEGRATION("Integration"),
    INTERNET_OF_THINGS("Internet of Things"),
    MANAGEMENT_AND_GOVERNANCE("Management and Governance"),
    MEDIA("Media"),
    MIGRATION("Migration"),
    MOBILE("Mobile"),
    NETWORKING("Networking"),
    SECURITY("Security"),
    STORAGE("Storage"),
    WEB("Web"),
    OTHER("Other");

    private final String focusValue;

    ServiceCategory(String focusValue) {
        this.focusValue = focusValue;
    }

    @Override
    public String focusValue() {
        return focusValue;
    }

    /**
     * The constant FOCUS spells {@code value}.
     *
     * @throws IllegalArgumentException if FOCUS allows no such value (the message lists those it allows)
     */
    public static ServiceCategory fromFocusValue(String value) {
        return FocusValues.parse(values(), value, "ServiceCategory");
    }

    @Override
    public String toString() {
        return focusValue;
    }
}
