package io.vsip4x.portal.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Accounts as JSON, for security admins. */
@RestController
@RequestMapping("/api/v1/accounts")
@PreAuthorize("hasRole('SECURITY_ADMIN')")
@Tag(name = "Accounts", description = "Creating, editing, locking accounts and resetting passwords")
class AccountApiController {

    private final AccountService accounts;

    AccountApiController(AccountService accounts) {
        this.accounts = accounts;
    }

    /**
     * An account saved, and the password the portal made up for it (shown this once), if it did.
     */
    record SavedView(Account account, String generatedPassword) {

        static SavedView of(AccountService.Saved saved) {
            return new SavedView(saved.account(), saved.generatedPassword());
        }
    }

    /** The version the caller saw, or none to act whatever it is now. */
    record VersionBody(Integer version) {
    }

    /** What a password reset asks for. */
    record ResetBody(Boolean mustChangePassword, Integer version) {
    }

    @GetMapping
    @Operation(summary = "Accounts by name; tenant is a tenant's code or '-' for accounts of none, "
            + "q part of the name, display name or e-mail")
    List<Account> list(@RequestParam(required = false) String tenant, @RequestParam(required = false) String q) {
        return accounts.list(tenant, q);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One account; 404 when there is none")
    Account get(@PathVariable long id) {
        return accounts.get(id);
    }

    @PostMapping
    @Operation(summary = "Create an account; without a password one is made up and answered once; "
            + "400 with one message per field when anything is wrong")
    ResponseEntity<SavedView> create(@RequestBody AccountForm form) {
        AccountService.Saved saved = accounts.create(UserService.current(), form);
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + saved.account().id()))
                .body(SavedView.of(saved));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Edit display name, e-mail, tenant, roles and clearance from the version read; "
            + "409 when somebody changed the account meanwhile")
    Account update(@PathVariable long id, @RequestBody AccountForm form) {
        return accounts.update(UserService.current(), id, form);
    }

    @PostMapping("/{id}/lock")
    @Operation(summary = "Lock the account until a security admin unlocks it")
    Account lock(@PathVariable long id, @RequestBody(required = false) VersionBody body) {
        return accounts.lock(UserService.current(), id, body == null ? null : body.version());
    }

    @PostMapping("/{id}/unlock")
    @Operation(summary = "Unlock the account and forget its failed sign-ins")
    Account unlock(@PathVariable long id, @RequestBody(required = false) VersionBody body) {
        return accounts.unlock(UserService.current(), id, body == null ? null : body.version());
    }

    @PostMapping("/{id}/password-reset")
    @Operation(summary = "Give the account a made-up password, answered once; by default it must be "
            + "changed at the next sign-in")
    SavedView reset(@PathVariable long id, @RequestBody(required = false) ResetBody body) {
        boolean mustChange = body == null || body.mustChangePassword() == null || body.mustChangePassword();
        Integer version = body == null ? null : body.version();
        return SavedView.of(accounts.resetPassword(UserService.current(), id, mustChange, version));
    }
}
