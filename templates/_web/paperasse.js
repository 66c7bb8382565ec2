// Progressive enhancement of the form pages: each field is checked as the person leaves it, by
// the same rules and messages as the API (POST /formulaire/{id}/controle answers the errors by
// field). Only the fields already left are marked; the page works the same without this script.
(function () {
  'use strict';
  var form = document.querySelector('form[data-controle]');
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var left = {};
  var pending = null;

  function fieldOf(input) {
    return input.closest('fieldset.field') || input.closest('.field');
  }

  function show(name, message) {
    var inputs = form.querySelectorAll('[name="' + CSS.escape(name) + '"]');
    if (inputs.length === 0) return;
    var container = fieldOf(inputs[0]);
    if (!container) return;
    var id =
      (inputs[0].type === 'radio' ? inputs[0].id.replace(/-\d+$/, '') : inputs[0].id) + '-error';
    var error = document.getElementById(id);
    if (message) {
      if (!error) {
        error = document.createElement('p');
        error.className = 'error-message';
        error.id = id;
        var hidden = document.createElement('span');
        hidden.className = 'visually-hidden';
        hidden.textContent = 'Erreur : ';
        error.appendChild(hidden);
        error.appendChild(document.createTextNode(''));
        var before = container.querySelector('input, select, textarea, .choices');
        container.insertBefore(error, before);
      }
      error.lastChild.textContent = message;
      container.classList.add('has-error');
    } else if (error) {
      error.remove();
      container.classList.remove('has-error');
    }
    inputs.forEach(function (input) {
      var described = (input.getAttribute('aria-describedby') || '')
        .split(' ')
        .filter(function (one) {
          return one && one !== id;
        });
      if (message) {
        described.push(id);
        input.setAttribute('aria-invalid', 'true');
      } else {
        input.removeAttribute('aria-invalid');
      }
      if (described.length) input.setAttribute('aria-describedby', described.join(' '));
      else input.removeAttribute('aria-describedby');
    });
  }

  function check() {
    if (pending) pending.abort();
    pending = new AbortController();
    // The fields' text only: files are judged when the form is sent, not at each field.
    var body = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === 'string' && name !== 'action') body.append(name, value);
    });
    fetch(form.getAttribute('data-controle'), {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      signal: pending.signal,
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (!answer) return;
        Object.keys(left).forEach(function (name) {
          show(name, answer.errors[name] || '');
        });
      })
      .catch(function () {
        // Offline or interrupted: the check happens on submit, as without this script.
      });
  }

  form.addEventListener('focusout', function (event) {
    var input = event.target;
    // A file is judged on submit: its error, if any, stays until then.
    if (!input.name || ['hidden', 'submit', 'file'].indexOf(input.type) >= 0) return;
    left[input.name] = true;
    check();
  });
})();
