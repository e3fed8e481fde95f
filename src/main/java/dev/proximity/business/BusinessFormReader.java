package dev.proximity.business;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.proximity.system.FieldProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindingResult;

/**
 * Turns a posted {@link BusinessForm} into the API's {@link BusinessRequest} and checks it with the same Bean
 * Validation rules, putting each problem beside the field it belongs to. Blank hour rows are skipped, so
 * request index {@code hours[i]} is mapped back to the form row it came from.
 */
@Component
class BusinessFormReader {

    private static final Pattern DEGREES = Pattern.compile("[+-]?\\d{1,3}(\\.\\d{1,15})?");
    private static final Pattern HOURS_PATH = Pattern.compile("hours\\[(\\d+)](.*)");

    private final Validator validator;

    BusinessFormReader(Validator validator) {
        this.validator = validator;
    }

    /** The request, or null when {@code errors} now holds field errors to show. */
    BusinessRequest read(BusinessForm form, BindingResult errors) {
        Double latitude = degrees(form.getLatitude(), "latitude", errors);
        Double longitude = degrees(form.getLongitude(), "longitude", errors);
        List<OpeningHours> hours = new ArrayList<>();
        List<Integer> rowOfInterval = new ArrayList<>();
        List<BusinessForm.HoursRow> rows = form.getHours();
        for (int row = 0; row < rows.size(); row++) {
            OpeningHours interval = interval(rows.get(row), row, errors);
            if (interval != null) {
                hours.add(interval);
                rowOfInterval.add(row);
            }
        }
        BusinessRequest request = new BusinessRequest(form.getName(), form.getCategory(), latitude, longitude,
                form.getAddress(), form.getCity(), form.getState(), form.getCountry(), form.getPostalCode(),
                form.getPhone(), form.getWebsite(), form.getTimeZone(), hours);
        Set<ConstraintViolation<BusinessRequest>> violations = validator.validate(request);
        for (ConstraintViolation<BusinessRequest> violation : violations) {
            String field = violation.getPropertyPath().toString();
            if ((field.equals("latitude") || field.equals("longitude")) && errors.hasFieldErrors(field)) {
                continue; // already said why it could not be read
            }
            reject(errors, formField(field, rowOfInterval), violation.getMessage());
        }
        if (violations.isEmpty()) {
            for (FieldProblem problem : request.hoursProblems()) {
                reject(errors, formField(problem.field(), rowOfInterval), problem.message());
            }
        }
        return errors.hasErrors() ? null : request;
    }

    /** Problems the service found (the same field paths as the request's), put beside the form fields. */
    void reject(List<FieldProblem> problems, BusinessForm form, BindingResult errors) {
        List<Integer> rowOfInterval = new ArrayList<>();
        for (int row = 0; row < form.getHours().size(); row++) {
            if (!form.getHours().get(row).isBlank()) {
                rowOfInterval.add(row);
            }
        }
        for (FieldProblem problem : problems) {
            reject(errors, formField(problem.field(), rowOfInterval), problem.message());
        }
    }

    private static Double degrees(String text, String field, BindingResult errors) {
        if (text == null || text.isBlank()) {
            errors.rejectValue(field, "required", "Place the pin on the map or type the " + field);
            return null;
        }
        String trimmed = text.strip();
        if (!DEGREES.matcher(trimmed).matches()) {
            errors.rejectValue(field, "number", "must be a decimal number of degrees, such as "
                    + (field.equals("latitude") ? "37.5665" : "126.978"));
            return null;
        }
        return Double.valueOf(trimmed);
    }

    private static OpeningHours interval(BusinessForm.HoursRow row, int index, BindingResult errors) {
        if (row == null || row.isBlank()) {
            return null;
        }
        String prefix = "hours[" + index + "].";
        DayOfWeek day = null;
        try {
            day = DayOfWeek.valueOf(String.valueOf(row.getDay()).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.rejectValue(prefix + "day", "day", "must be a day of the week");
        }
        if (BusinessForm.HoursRow.isBlank(row.getOpen())) {
            errors.rejectValue(prefix + "open", "required", "enter both the opening and the closing time");
        }
        if (BusinessForm.HoursRow.isBlank(row.getClose())) {
            errors.rejectValue(prefix + "close", "required", "enter both the opening and the closing time");
        }
        if (day == null || BusinessForm.HoursRow.isBlank(row.getOpen()) || BusinessForm.HoursRow.isBlank(row.getClose())) {
            return null;
        }
        return new OpeningHours(day, row.getOpen().strip(), row.getClose().strip());
    }

    private static String formField(String requestField, List<Integer> rowOfInterval) {
        Matcher hours = HOURS_PATH.matcher(requestField);
        if (hours.matches()) {
            int interval = Integer.parseInt(hours.group(1));
            if (interval < rowOfInterval.size()) {
                return "hours[" + rowOfInterval.get(interval) + "]" + hours.group(2);
            }
        }
        return requestField.startsWith("hours") ? "hours" : requestField;
    }

    private static void reject(BindingResult errors, String field, String message) {
        if (field.equals("hours")) {
            errors.reject("hours", "Opening hours: " + message);
        } else {
            errors.rejectValue(field, "invalid", message);
        }
    }
}
